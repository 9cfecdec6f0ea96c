// `activator-accept`: Accept=yes on a socket whose service runs systemd-socket-proxyd. With Accept=yes
// systemd accepts each connection itself and starts one service instance per connection, while
// systemd-socket-proxyd expects the listening socket (Accept=no) and forwards every connection itself.

import { proxydCommand, resolveService, socketAccept, socketServiceNames } from '../workspace/activation';
import { UnitRule } from './types';

export const messages = {
  accept: (socket: string, service: string) =>
    `Accept=yes makes systemd accept each connection and start one service instance for it, but ${service} runs systemd-socket-proxyd, which needs the listening socket: set Accept=no on ${socket}.`,
};

export const activatorAcceptRule: UnitRule = {
  code: 'activator-accept',
  kind: 'unit',
  severity: 'error',
  summary: 'Accept=yes on a socket whose service runs systemd-socket-proxyd (it needs Accept=no).',
  check(view, ctx) {
    if (view.type !== 'socket' || view.main.identity.kind === 'dropin') return;
    const { accept, sourced } = socketAccept(view);
    if (!accept || !sourced) return;
    for (const name of socketServiceNames(view)) {
      const service = resolveService(ctx.workspace, view.scope, name);
      if (!service || service.type !== 'service') continue;
      const cmd = proxydCommand(ctx.workspace.view(service));
      if (!cmd) continue;
      ctx.report({
        unit: sourced.unit,
        range: sourced.entry.valueRange,
        message: messages.accept(view.name, service.name),
        related: [{ file: cmd.sourced.unit.file.path, range: cmd.sourced.entry.valueRange, message: 'systemd-socket-proxyd runs here' }],
      });
      return;
    }
  },
};
