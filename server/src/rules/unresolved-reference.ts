// `unresolved-reference`: a reference nothing in the scope satisfies.
// - A quadlet reference (Network=X.network, Pod=, Volume=, Mount=…source=, Image=) to a file the scope
//   lacks: the generator refuses the referring unit.
// - A [Unit] dependency naming X.container etc.: from 5.5 the generator must translate it and fails
//   when X is missing; before 5.5 (and in plain systemd units, always) the name reaches systemd as
//   written, and systemd has no unit type ".container", so the dependency is lost.
// - `PodmanArgs=--network X.network`: passed to podman as is; podman knows no such network.
// - A socket (or timer) whose service does not exist in the scope.
// A target that exists only for another owner is `cross-user-reference`'s business, not this rule's.

import { isQuadletType, unitNameParts } from '../catalog/filetypes';
import { Reference, generatorTranslates } from '../workspace/references';
import { namesOf, resolveReference } from '../workspace/resolution';
import { UnitView } from '../workspace/unit-view';
import { RuleContext, UnitRule } from './types';
import { definedHere, ownerName, referencesOf, relatedUnits } from './reference-util';
import { closest } from './util';

export const messages = {
  missing: (ref: Reference, what: string) => `No ${ref.name} in this scope: the generator refuses this unit ("${what}").`,
  missingDependency: (name: string) => `No ${name} in this scope: the generator cannot translate this dependency and refuses the unit ("unable to translate dependency for ${name}").`,
  untranslatedOld: (name: string, version: string, service?: string) =>
    `Podman ${version} copies [Unit] dependencies as written, and systemd has no unit named ${name}, so this dependency is dropped. ${service ? `Name the generated service instead: ${service}.` : 'Name the generated service (X.service, X-network.service, …) instead.'} (Podman 5.5 and newer translate quadlet names here.)`,
  untranslatedSystemd: (name: string, service?: string) =>
    `systemd does not read quadlet files: it knows no unit named ${name}, so this dependency is dropped. ${service ? `Name the generated service instead: ${service}.` : 'Name the generated service (X.service, X-network.service, …) instead.'}`,
  podmanArgs: (name: string) =>
    `PodmanArgs passes "${name}" to podman unchanged, and podman knows no network by a file name: the container fails to start. Use Network=${name} instead (the generator then names the network and adds the dependency).`,
  socketService: (unit: string, service: string) => `${unit} starts ${service}, but this scope has no ${service} (no unit file and no quadlet that generates it): the first connection fails.`,
  timerUnit: (unit: string, service: string) => `${unit} starts ${service}, but this scope has no ${service} (no unit file and no quadlet that generates it).`,
  partial: (name: string, owners: string) => `This file is read by every rootless user, but ${name} exists only for ${owners}; for every other user the reference fails.`,
  templateHint: (template: string, instance: string) => ` Only the template ${template} exists: an instance needs its own file, for example ${instance} as a symlink to ${template}.`,
  didYouMean: (s: string) => ` Did you mean ${s}?`,
};

/** The generator's own error text for a missing quadlet reference (docs/generator-facts.md §7.2). */
function generatorError(ref: Reference): string {
  switch (ref.key) {
    case 'Image':
      return `requested Quadlet image ${ref.name} was not found`;
    case 'Volume':
    case 'Mount':
      return `requested Quadlet source ${ref.name} was not found`;
    case 'Pod':
      return `quadlet pod unit ${ref.name} does not exist`;
    default:
      return `requested Quadlet unit ${ref.name} was not found`;
  }
}

/** A near name among the scope's units with the same extension, for "did you mean". */
function suggestion(view: UnitView, ref: Reference, ctx: RuleContext): string | undefined {
  const scope = view.scope;
  const ext = unitNameParts(ref.name).ext;
  const index = ctx.workspace.index;
  const names = [...index.namesOnHost(scope.host)].filter((n) => n !== ref.name && unitNameParts(n).ext === ext);
  // Closest first; only then check that the scope really sees it (names repeat across users).
  while (names.length) {
    const best = closest(ref.name, names);
    if (!best) return undefined;
    if (index.resolve(scope, best)) return best;
    names.splice(names.indexOf(best), 1);
  }
  return undefined;
}

function templateHint(view: UnitView, ref: Reference, ctx: RuleContext): string {
  const { prefix, ext, instance } = unitNameParts(ref.name);
  if (!instance) return '';
  const template = `${prefix}@.${ext}`;
  return ctx.workspace.resolve(view.scope, template) ? messages.templateHint(template, ref.name) : '';
}

function checkQuadletReference(view: UnitView, ref: Reference, ctx: RuleContext): void {
  const version = ctx.settings.podmanVersion;
  const res = resolveReference(ctx.workspace, ref, view.scope);
  if (ref.key === 'PodmanArgs') {
    ctx.report({ unit: ref.unit, range: ref.range, message: messages.podmanArgs(ref.name) });
    return;
  }
  if (!generatorTranslates(ref, view.type, version)) {
    const service = res.status === 'found' ? namesOf(ctx.workspace, res.target)?.service : undefined;
    const message = isQuadletType(view.type) ? messages.untranslatedOld(ref.name, version, service) : messages.untranslatedSystemd(ref.name, service);
    ctx.report({ unit: ref.unit, range: ref.range, message, severity: 'warning', ...(service ? { data: { suggestion: service } } : {}) });
    return;
  }
  if (res.status === 'partial') {
    const owners = [...new Set(res.targets.map((u) => ownerName(u.file.placement.scope)))].join(', ');
    ctx.report({ unit: ref.unit, range: ref.range, message: messages.partial(ref.name, owners), severity: 'warning', related: relatedUnits(res.targets, definedHere) });
    return;
  }
  if (res.status !== 'missing') return;
  const hint = templateHint(view, ref, ctx);
  // An instance never means its template: only suggest a near name when there is no template hint.
  const better = hint ? undefined : suggestion(view, ref, ctx);
  const base = ref.section === 'Unit' ? messages.missingDependency(ref.name) : messages.missing(ref, generatorError(ref));
  const message = base + hint + (better ? messages.didYouMean(better) : '');
  ctx.report({ unit: ref.unit, range: ref.range, message, ...(better ? { data: { suggestion: better } } : {}) });
}

function checkActivatedUnit(view: UnitView, ref: Reference, ctx: RuleContext): void {
  const res = resolveReference(ctx.workspace, ref, view.scope);
  if (res.status === 'partial') {
    const owners = [...new Set(res.targets.map((u) => ownerName(u.file.placement.scope)))].join(', ');
    ctx.report({ unit: ref.unit, range: ref.range, message: messages.partial(ref.name, owners), severity: 'warning', related: relatedUnits(res.targets, definedHere) });
  } else if (res.status === 'missing') {
    const message = view.type === 'socket' ? messages.socketService(view.name, ref.name) : messages.timerUnit(view.name, ref.name);
    ctx.report({ unit: ref.unit, range: ref.range, message });
  }
}

export const unresolvedReferenceRule: UnitRule = {
  code: 'unresolved-reference',
  kind: 'unit',
  severity: 'error',
  summary: 'A reference to a unit that does not exist in the scope (the generator or systemd fails).',
  check(view, ctx) {
    if (view.main.identity.kind === 'dropin') return;
    for (const ref of referencesOf(view, ctx.settings.podmanVersion)) {
      if (ref.form === 'quadlet') checkQuadletReference(view, ref, ctx);
      else if (ref.form === 'unit' && (ref.key === 'Service' || ref.key === 'Unit') && ref.section !== 'Unit') checkActivatedUnit(view, ref, ctx);
    }
  },
};
