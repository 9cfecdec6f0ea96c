// `privileged-port`: a rootless listener below the host's `net.ipv4.ip_unprivileged_port_start`
// (1024 unless configured): the bind fails when the service starts.

import { isBound, isPrivilegedForRootless, unprivilegedPortStart } from '../workspace/ports/checks';
import { portInventory } from '../workspace/ports/inventory';
import { Listener, formatPorts, ownerLabel } from '../workspace/ports/model';
import { UnitRule } from './types';

export const messages = {
  privileged: (l: Listener, start: number) =>
    `Port ${formatPorts(l.ports)} is below net.ipv4.ip_unprivileged_port_start (${start} on ${l.host}), so ${ownerLabel(l.scope)} (rootless) cannot bind it. ` +
    `Use a port of ${start} or more, lower the sysctl net.ipv4.ip_unprivileged_port_start on the host, ` +
    `or let a system (root) .socket unit listen on it and hand the connections to this service (socket activation).`,
};

export const privilegedPortRule: UnitRule = {
  code: 'privileged-port',
  kind: 'unit',
  severity: 'warning',
  summary: 'A rootless listener below net.ipv4.ip_unprivileged_port_start (1024 by default).',
  check(view, ctx) {
    const listeners = portInventory(ctx.workspace.index).ofUnit(view.main);
    if (!listeners.length) return;
    const start = unprivilegedPortStart(view.scope.host, ctx.workspace.index.config, ctx.settings.unprivilegedPortStart);
    for (const l of listeners) {
      if (!isPrivilegedForRootless(l, start) || !isBound(ctx.workspace, l)) continue;
      ctx.report({ unit: l.anchor.unit, range: l.portRange, message: messages.privileged(l, start), data: { listener: l.id } });
    }
  },
};
