// Activators that already exist in a scope, so generating twice changes nothing: every plain .service
// running systemd-socket-proxyd, the sockets that start it, and the services it starts.

import { Protocol } from '../../catalog/values/ports';
import { BindAddress } from '../../catalog/values/ports';
import {
  ProxyTarget, STARTING_DEPENDENCIES, SocketListener, listenerIs, proxydCommand, socketListeners, socketServiceNames, unitRefs,
} from '../../workspace/activation';
import { ParsedUnit } from '../../workspace/files';
import { WorkspaceIndex } from '../../workspace/index';
import { Scope, servesScope } from '../../workspace/scopes';
import { UnitView } from '../../workspace/unit-view';

export interface ExistingActivator {
  service: ParsedUnit;
  target?: ProxyTarget;
  /** Service names it starts (Requires=, BindsTo=, Wants=, Upholds=). */
  starts: string[];
  sockets: Array<{ unit: ParsedUnit; listeners: SocketListener[] }>;
}

export function viewOf(index: WorkspaceIndex, unit: ParsedUnit): UnitView {
  return new UnitView(unit, index.dropinsFor(unit));
}

/** Units of one type in a scope (main files, winners only). */
export function unitsInScope(index: WorkspaceIndex, scope: Scope, type: string): ParsedUnit[] {
  return index
    .unitsOnHost(scope.host)
    .filter((u) => u.type === type && u.identity.kind !== 'dropin' && servesScope(u.file.placement, scope) && index.resolve(scope, u.name) === u);
}

export function existingActivators(index: WorkspaceIndex, scope: Scope): ExistingActivator[] {
  const sockets = unitsInScope(index, scope, 'socket').map((u) => ({ unit: u, view: viewOf(index, u) }));
  const out: ExistingActivator[] = [];
  for (const service of unitsInScope(index, scope, 'service')) {
    const view = viewOf(index, service);
    const cmd = proxydCommand(view);
    if (!cmd) continue;
    out.push({
      service,
      target: cmd.target,
      starts: unitRefs(view, STARTING_DEPENDENCIES).map((r) => r.name),
      sockets: sockets.filter((s) => socketServiceNames(s.view).includes(service.name)).map((s) => ({ unit: s.unit, listeners: socketListeners(s.view) })),
    });
  }
  return out;
}

/** A socket of the scope that already listens on exactly this address and port. */
export function socketListeningOn(index: WorkspaceIndex, scope: Scope, address: BindAddress, port: number, proto: Protocol): ParsedUnit | undefined {
  return unitsInScope(index, scope, 'socket').find((u) => socketListeners(viewOf(index, u)).some((l) => listenerIs(l, address, port, proto)));
}
