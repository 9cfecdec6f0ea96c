// `port-conflict`: two listeners on one host compete for the same socket (same protocol,
// overlapping host ports, overlapping addresses). Reported on every participant, each naming the
// others. Listeners of one unit compete too: Podman refuses two mappings of one host port, and
// systemd cannot bind the second socket. Random host ports never compete.

import { ConflictMemo, conflictsOf, bindsFixedPort } from '../workspace/ports/checks';
import { portInventory } from '../workspace/ports/inventory';
import { Listener, describeEndpoint, describePlace, ownerLabel, shortPath } from '../workspace/ports/model';
import { RelatedInformation } from '../syntax/diagnostic';
import { UnitRule } from './types';

function where(l: Listener): string {
  return l.source === 'Yaml' ? `${shortPath(l.at.file, l.unit.file.placement.searchDir)} line ${l.at.range.start.line + 1}: ` : '';
}

/** The message names this many competitors (related information lists them all). */
const MAX_NAMED = 10;

export const messages = {
  conflict: (l: Listener, others: Listener[]) =>
    `${where(l)}${describeEndpoint(l)} is also bound by ${others
      .slice(0, MAX_NAMED)
      .map((o) => `${describePlace(o)} (${describeEndpoint(o)})`)
      .join('; ')}${others.length > MAX_NAMED ? ` and ${others.length - MAX_NAMED} more` : ''}. Only one of them can have it: the other fails to bind or never gets the traffic.`,
  related: (o: Listener) => `${ownerLabel(o.scope)}: ${describeEndpoint(o)} in ${o.unit.name}`,
  yamlHere: 'the hostPort in the Kubernetes YAML',
};

export const portConflictRule: UnitRule = {
  code: 'port-conflict',
  kind: 'unit',
  severity: 'error',
  summary: 'Two listeners on one host want the same port, protocol and address (across users too).',
  check(view, ctx) {
    const mine = portInventory(ctx.workspace.index).ofUnit(view.main);
    // The memo joins repeated mappings of this unit; one listener has nothing to join.
    const memo: ConflictMemo | undefined = mine.length > 1 ? new Map() : undefined;
    for (const l of mine) {
      if (!bindsFixedPort(ctx.workspace, l)) continue;
      const others = conflictsOf(ctx.workspace, l, memo);
      if (!others.length) continue;
      const related: RelatedInformation[] = others.map((o) => ({ file: o.at.file, range: o.at.range, message: messages.related(o) }));
      if (l.source === 'Yaml') related.unshift({ file: l.at.file, range: l.at.range, message: messages.yamlHere });
      ctx.report({ unit: l.anchor.unit, range: l.portRange, message: messages.conflict(l, others), related, data: { listener: l.id } });
    }
  },
};
