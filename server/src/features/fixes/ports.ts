// Quick fixes of the port rules. They look the listener up in the current inventory (by the id the
// diagnostic carries, else by its range), so a stale diagnostic never produces a wrong edit.
//   port-conflict: "Use the next free port" — the lowest free port (or run, for a range) above the
//                  current one on that host and address, for every protocol the line publishes.
//   public-bind:   "Bind to 127.0.0.1" and "Bind to [::1]".

import { Diagnostic } from '../../syntax/diagnostic';
import { Range } from '../../syntax/model';
import type { WorkspaceIndex } from '../../workspace/index';
import { nextFreePort } from '../../workspace/ports/checks';
import { portInventory } from '../../workspace/ports/inventory';
import { FileEdit, Listener, formatPorts } from '../../workspace/ports/model';
import { CodeAction, WorkspaceChange } from '../edits';
import type { FixContext } from '../quick-fixes';
import { sameRange } from './ranges';

function listenerFor(index: WorkspaceIndex, path: string, d: Diagnostic, pick: (l: Listener) => Range): Listener | undefined {
  const inv = portInventory(index);
  const id = d.data?.listener;
  // An id that no longer resolves means the diagnostic is stale; without an id (a client that
  // drops diagnostic data), the range decides.
  if (typeof id === 'string') {
    const l = inv.byId(id);
    return l && l.anchor.unit.file.path === path && sameRange(pick(l), d.range) ? l : undefined;
  }
  return inv.all().find((l) => l.anchor.unit.file.path === path && sameRange(pick(l), d.range));
}

function change(e: FileEdit): WorkspaceChange {
  return { changes: [{ kind: 'edit', path: e.file, edits: [{ range: e.range, newText: e.newText }] }] };
}

/** The lowest start above `from` that is free for every protocol in `protocols`. */
function freeForAll(index: WorkspaceIndex, l: Listener, siblings: Listener[]): number | undefined {
  const ports = l.ports!;
  const length = ports.to - ports.from + 1;
  const ignore = (o: Listener) => siblings.includes(o);
  let from = ports.from;
  for (;;) {
    const starts = siblings.map((s) => nextFreePort(index, s.host, s.address, s.protocol, from, { length, ignore }));
    if (starts.some((s) => s === undefined)) return undefined;
    const max = Math.max(...(starts as number[]));
    if (starts.every((s) => s === max)) return max;
    from = max - 1;
  }
}

export function portConflictFixes({ diagnostic, file, index }: FixContext): CodeAction[] {
  if (!index) return [];
  const l = listenerFor(index, file.path, diagnostic, (x) => x.portRange);
  if (!l?.ports || !l.renumber) return [];
  // One line may publish several protocols ("8080:80/tcp,udp"): the new port must be free for all.
  const siblings = portInventory(index)
    .ofUnit(l.unit)
    .filter((s) => s.at.file === l.at.file && sameRange(s.at.range, l.at.range));
  const start = freeForAll(index, l, siblings);
  if (start === undefined) return [];
  const ports = { from: start, to: start + l.ports.to - l.ports.from };
  return [{ title: `Use the next free port (${formatPorts(ports)})`, kind: 'quickfix', fixes: ['port-conflict'], isPreferred: true, change: change(l.renumber(ports)) }];
}

export function publicBindFixes({ diagnostic, file, index }: FixContext): CodeAction[] {
  if (!index) return [];
  const l = listenerFor(index, file.path, diagnostic, (x) => x.addressRange);
  if (!l?.rebind) return [];
  return [
    { title: 'Bind to 127.0.0.1', kind: 'quickfix', fixes: ['public-bind'], isPreferred: true, change: change(l.rebind('127.0.0.1')) },
    { title: 'Bind to [::1]', kind: 'quickfix', fixes: ['public-bind'], change: change(l.rebind('::1')) },
  ];
}
