// `shadowed-unit`: a file Podman (or systemd) never uses because a file of the same name wins.
// - Units: the same file name in a directory searched earlier (rootless: $XDG_RUNTIME_DIR, then
//   ~/.config, then users/, then users/<uid>; rootful: /run, /etc, /usr/share; a parent directory
//   before its sub-directories). For a file in users/, reported per user who overrides it.
// - Drop-ins: only one `.conf` of each name applies to a unit. Which one changed in Podman 5.6: before,
//   the first search directory wins; from 5.6, the most specific drop-in directory wins.

import { isQuadletType } from '../catalog/filetypes';
import { atLeast } from '../catalog/versions';
import { ParsedUnit } from '../workspace/files';
import { ALL_USERS, describeScope } from '../workspace/scopes';
import { UnitRule } from './types';
import { ownerName, unitAnchor } from './reference-util';

export const messages = {
  unit: (name: string, where: string, who: string) => `Not used ${who}: the ${name} in ${where} is read first and wins, so this file is ignored.`,
  dropin: (unit: string, winner: string, rule: string) => `Not applied to ${unit}: the drop-in of the same name in ${winner} wins (${rule}).`,
  ruleOld: (version: string) => `Podman ${version} takes the first search directory`,
  ruleNew: (version: string) => `Podman ${version} takes the most specific drop-in directory`,
  ruleSystemd: 'systemd takes the most specific drop-in directory, then the directory read first',
  related: (u: ParsedUnit) => `${u.name} used instead (${u.file.placement.reason})`,
};

function checkUnit(unit: ParsedUnit, report: (winner: ParsedUnit, who: string) => void, ctx: Parameters<UnitRule['check']>[1]): void {
  const own = unit.file.placement.scope;
  if (own.owner === ALL_USERS) {
    // A users/ file loses, per user, to that user's own file of the same name.
    for (const other of ctx.workspace.elsewhere(own, unit.name)) {
      const scope = other.file.placement.scope;
      if (!scope.rootless || scope.owner === undefined || scope.owner === ALL_USERS) continue;
      const winner = ctx.workspace.resolve(scope, unit.name);
      if (winner && winner !== unit && winner === other) report(winner, `for ${ownerName(scope)}`);
    }
    return;
  }
  const winner = ctx.workspace.resolve(own, unit.name);
  if (winner && winner !== unit) report(winner, `by ${describeScope(own)}`);
}

export const shadowedUnitRule: UnitRule = {
  code: 'shadowed-unit',
  kind: 'unit',
  severity: 'information',
  summary: 'A unit file or drop-in that is never used because a file of the same name wins.',
  check(view, ctx) {
    const main = view.main;
    if (main.identity.kind === 'dropin' || !main.type || main.part) return;
    checkUnit(main, (winner, who) => ctx.report({ unit: main, range: unitAnchor(main), message: messages.unit(winner.name, winner.file.placement.reason, who), related: [{ file: winner.file.path, range: unitAnchor(winner), message: messages.related(winner) }] }), ctx);

    const candidates = ctx.workspace.dropinCandidates(main);
    if (candidates.length === 0) return;
    const applied = new Set(view.dropins);
    const winners = new Map(view.dropins.map((d) => [d.name, d]));
    const version = ctx.settings.podmanVersion;
    const rule = !isQuadletType(main.type) ? messages.ruleSystemd : atLeast(version, '5.6') ? messages.ruleNew(version) : messages.ruleOld(version);
    for (const d of candidates) {
      const winner = winners.get(d.name);
      // A specific drop-in overriding a broad one in the same directory tree is the usual, intended
      // pattern; only a loser in another search directory is worth a note (the version decides it).
      if (applied.has(d) || !winner || winner.file.placement.searchDir === d.file.placement.searchDir) continue;
      const winnerDir = winner.file.path.split('/').slice(-2, -1)[0];
      ctx.report({ unit: d, range: unitAnchor(d), message: messages.dropin(main.name, `${winnerDir}/ (${winner.file.placement.reason})`, rule), related: [{ file: winner.file.path, range: unitAnchor(winner), message: `${winner.name} applied instead` }] });
    }
  },
};
