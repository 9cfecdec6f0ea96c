// Value completion: enums and booleans, references to the scope's units (Network=, Pod=, Volume=,
// Mount= sources, Image=, [Unit] dependencies), capabilities, signals, specifiers and loopback
// PublishPort= addresses. Only the scope's own units are offered: another user's units would be
// flagged as cross-user references.

import { KeyInfo, lookupKey } from '../catalog/keys';
import { UnitType, isQuadletType, unitNameParts } from '../catalog/filetypes';
import { CAPABILITIES, CAPABILITY_MEANINGS, PODMAN_DEFAULT_CAPABILITIES, capabilityName } from '../catalog/values/capabilities';
import { SIGNAL_MEANINGS } from '../catalog/values/signals';
import { SPECIFIER_MEANINGS } from '../catalog/values/specifiers';
import { TRANSLATED, TRANSLATION_SINCE } from '../catalog/values/systemd';
import { checkServiceRestriction } from '../catalog/values/service-restrictions';
import { atLeast } from '../catalog/versions';
import { Entry, Position } from '../syntax/model';
import { ParsedUnit } from '../workspace/files';
import { Scope } from '../workspace/scopes';
import { CompletionEnv, CompletionItem, CompletionKind, sortKey } from './completion-types';
import { Located, Place, editRange } from './locate';
import { describeNames, unitsInScope } from './scope-units';
import { generatedNamesOf } from './references';

type ValuePlace = Extract<Place, { kind: 'value' }>;

interface ValueContext {
  env: CompletionEnv;
  located: Located;
  unit: ParsedUnit;
  type: UnitType;
  section: string;
  entry: Entry;
  value: string;
  offset: number;
  position: Position;
  info: KeyInfo;
  scope: Scope;
}

interface Choice {
  label: string;
  insertText?: string;
  snippet?: boolean;
  detail?: string;
  documentation?: string;
  kind?: CompletionKind;
}

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';
const nav = (ctx: ValueContext) => ({ index: ctx.env.index, podmanVersion: ctx.env.settings.podmanVersion });

/** Start and end of the blank-separated word around `offset`. */
function wordAround(value: string, offset: number): { start: number; end: number } {
  let start = offset;
  while (start > 0 && !isBlank(value[start - 1])) start--;
  let end = offset;
  while (end < value.length && !isBlank(value[end])) end++;
  return { start, end };
}

/** The first token (up to a blank or one of `stops`), when the cursor is inside it. */
function firstToken(value: string, offset: number, stops = ''): { start: number; end: number } | undefined {
  let end = 0;
  while (end < value.length && !isBlank(value[end]) && !stops.includes(value[end])) end++;
  return offset <= end ? { start: 0, end } : undefined;
}

function items(ctx: ValueContext, span: { start: number; end: number }, choices: Choice[], group = 1, kind: CompletionKind = 'value'): CompletionItem[] {
  const range = editRange(ctx.entry, span.start, span.end, ctx.position);
  return choices.map((c, i) => ({
    label: c.label,
    kind: c.kind ?? kind,
    detail: c.detail,
    documentation: c.documentation,
    insertText: c.insertText ?? c.label,
    snippet: c.snippet,
    filterText: c.label,
    range,
    sortText: sortKey(group, i),
  }));
}

// Modes that need an argument get a placeholder, so the inserted value is complete.
const MODE_ARGUMENTS: Record<string, string> = {
  'ns:': '${1:/run/netns/name}',
  'container:': '${1:name}',
  'UserNS.ns:': '${1:/proc/1/ns/user}',
};

function docsChoices(info: KeyInfo, only?: string[]): Choice[] {
  const values = info.values ?? Object.keys(info.valueDocs ?? {});
  return values
    .filter((v) => !only || only.includes(v))
    .map((v) => {
      const argument = MODE_ARGUMENTS[`${info.key}.${v}`] ?? MODE_ARGUMENTS[v];
      return { label: v, documentation: info.valueDocs?.[v], kind: 'enum' as const, ...(argument ? { insertText: `${v}${argument}`, snippet: true } : {}) };
    });
}

function unitChoices(ctx: ValueContext, types: UnitType[], insert?: (name: string) => string): Choice[] {
  return unitsInScope(ctx.env.index, ctx.scope, types)
    .filter((u) => u.name !== ctx.unit.name && unitNameParts(u.name).instance !== '')
    .map((u) => {
      const names = generatedNamesOf(nav(ctx), u);
      const text = insert?.(u.name);
      return { label: u.name, insertText: text, snippet: !!text, detail: describeNames(names), documentation: `Defined in \`${u.file.path}\``, kind: 'reference' as const };
    });
}

// ---- per kind ---------------------------------------------------------------------------------

// Values a security rule flags (`privileged`: SecurityLabelDisable=true turns SELinux separation off).
const FLAGGED_VALUES: Record<string, string[]> = { 'Container.SecurityLabelDisable': ['true'] };

function booleans(ctx: ValueContext): CompletionItem[] {
  const span = firstToken(ctx.value, ctx.offset);
  if (!span) return [];
  const flagged = FLAGGED_VALUES[`${ctx.section}.${ctx.entry.key}`] ?? [];
  const pair = (ctx.info.origin === 'systemd' ? ['yes', 'no'] : ['true', 'false']).filter((v) => !flagged.includes(v));
  return items(ctx, span, pair.map((label) => ({ label, kind: 'constant' as const })));
}

function enums(ctx: ValueContext): CompletionItem[] {
  const span = firstToken(ctx.value, ctx.offset, ':');
  if (!span) return [];
  // The generator constrains some [Service] values in quadlets (Type=, KillMode=; §7.2, §7.4, §7.5).
  const values = ctx.info.values ?? Object.keys(ctx.info.valueDocs ?? {});
  const allowed = ctx.section === 'Service' && isQuadletType(ctx.type) ? values.filter((v) => !checkServiceRestriction(v, ctx.entry.key, ctx.type)?.length) : undefined;
  return items(ctx, span, docsChoices(ctx.info, allowed));
}

function network(ctx: ValueContext): CompletionItem[] {
  const span = firstToken(ctx.value, ctx.offset, ':');
  if (!span) return [];
  const taken = new Set(ctx.unit.doc.entries.filter((e) => e.key === ctx.entry.key && e !== ctx.entry).map((e) => e.value.split(':')[0]));
  const refs = unitChoices(ctx, ['network']).filter((c) => !taken.has(c.label));
  // `host` draws the host-network warning for a container, pod or kube: not offered there.
  const modes = docsChoices(ctx.info).filter((c) => c.label !== 'host' || ctx.type === 'build');
  return [...items(ctx, span, refs, 0), ...items(ctx, span, modes, 1)];
}

function podRef(ctx: ValueContext): CompletionItem[] {
  const span = firstToken(ctx.value, ctx.offset);
  return span ? items(ctx, span, unitChoices(ctx, ['pod'])) : [];
}

function imageRef(ctx: ValueContext): CompletionItem[] {
  const span = firstToken(ctx.value, ctx.offset);
  return span ? items(ctx, span, unitChoices(ctx, ['image', 'build'])) : [];
}

function volume(ctx: ValueContext): CompletionItem[] {
  const span = firstToken(ctx.value, ctx.offset, ':');
  if (!span) return [];
  // `name.volume` alone would be an anonymous volume's destination, so the snippet adds one.
  const hasRest = ctx.value[span.end] === ':';
  return items(ctx, span, unitChoices(ctx, ['volume'], hasRest ? undefined : (name) => `${name}:\${1:/data}`));
}

const MOUNT_TYPES: Array<[string, string, string?]> = [
  ['volume', 'a named volume; source= may be name.volume'],
  ['bind', 'a host path'],
  ['tmpfs', 'a memory-backed file system'],
  ['image', 'an image, read-only; source= may be name.image'],
  ['glob', 'every host path matching a glob'],
  ['devpts', 'a new devpts file system'],
  ['ramfs', 'a memory-backed file system without size limit'],
  ['artifact', 'an OCI artifact; source= may be name.artifact', '5.7'],
];

/** Whole mounts for an empty Mount=: one per volume/image of the scope, a bind mount and a tmpfs. */
function mountTemplates(ctx: ValueContext): Choice[] {
  const refs = (type: 'volume' | 'image', target: string) =>
    unitChoices(ctx, [type]).map((c) => ({ ...c, label: `type=${type},source=${c.label},destination=${target}`, insertText: `type=${type},source=${c.label},destination=\${1:${target}}`, snippet: true }));
  return [
    ...refs('volume', '/data'),
    ...refs('image', '/mnt'),
    { label: 'type=bind,source=…,destination=…', insertText: 'type=bind,source=${1:/srv/data},destination=${2:/data}', snippet: true, documentation: 'A host directory inside the container.', kind: 'value' },
    { label: 'type=tmpfs,destination=…', insertText: 'type=tmpfs,destination=${1:/tmp}', snippet: true, documentation: 'A memory-backed file system.', kind: 'value' },
  ];
}

function mount(ctx: ValueContext): CompletionItem[] {
  const { value, offset } = ctx;
  const word = wordAround(value, offset);
  let start = offset;
  while (start > word.start && value[start - 1] !== ',') start--;
  let end = offset;
  while (end < word.end && value[end] !== ',') end++;
  const field = value.slice(start, offset);
  const fields = value.slice(word.start, word.end).split(',');
  const typeField = fields.find((f) => f.startsWith('type='));
  const version = ctx.env.settings.podmanVersion;
  const eq = field.indexOf('=');
  if (eq === -1) {
    if (value.trim() === '') return items(ctx, { start, end }, mountTemplates(ctx), 0);
    const types = MOUNT_TYPES.filter(([, , since]) => !since || atLeast(version, since)).map(([t]) => t).join(',');
    const names: Choice[] = [
      { label: 'type=', insertText: `type=\${1|${types}|}`, snippet: true, kind: 'constant' },
      { label: 'source=', insertText: 'source=${1:/srv/data}', snippet: true, kind: 'constant' },
      { label: 'destination=', insertText: 'destination=${1:/data}', snippet: true, kind: 'constant' },
    ];
    return items(ctx, { start, end }, names);
  }
  const name = field.slice(0, eq);
  const span = { start: start + eq + 1, end };
  if (name === 'type') {
    const types = MOUNT_TYPES.filter(([, , since]) => !since || atLeast(version, since));
    return items(ctx, span, types.map(([label, documentation]) => ({ label, documentation, kind: 'enum' as const })));
  }
  if (name === 'source' || name === 'src') {
    const type = typeField?.slice(5) ?? (atLeast(version, '5.6') ? 'volume' : undefined);
    const target: Partial<Record<string, UnitType>> = { volume: 'volume', image: 'image', artifact: 'artifact' };
    const unitType = type ? target[type] : undefined;
    return unitType ? items(ctx, span, unitChoices(ctx, [unitType])) : [];
  }
  return [];
}

function capabilities(ctx: ValueContext): CompletionItem[] {
  const span = wordAround(ctx.value, ctx.offset);
  const present = new Set(ctx.value.split(/\s+/).filter(Boolean).map(capabilityName));
  const drop = ctx.entry.key.startsWith('Drop');
  const inDefault = (name: string) => PODMAN_DEFAULT_CAPABILITIES.has(name) === drop;
  const names = CAPABILITIES.map((c) => `CAP_${c}`).sort();
  const choices = (first: boolean) =>
    names.filter((name) => !present.has(name) && inDefault(name) === first).map((name) => ({
      label: name,
      documentation: (CAPABILITY_MEANINGS[name.slice(4)] ?? '') + (PODMAN_DEFAULT_CAPABILITIES.has(name) ? " (in Podman's default set)" : ''),
      kind: 'enum' as const,
    }));
  const all = drop && !present.has('CAP_ALL') ? items(ctx, span, [{ label: 'all', documentation: ctx.info.valueDocs?.all ?? 'every capability', kind: 'enum' }], 0) : [];
  return [...all, ...items(ctx, span, choices(true), 1), ...items(ctx, span, choices(false), 2)];
}

function signals(ctx: ValueContext): CompletionItem[] {
  const span = firstToken(ctx.value, ctx.offset);
  return span ? items(ctx, span, SIGNAL_MEANINGS.map((s) => ({ label: s.name, documentation: s.meaning, kind: 'enum' as const }))) : [];
}

function publishPort(ctx: ValueContext): CompletionItem[] {
  const typed = ctx.value.slice(0, ctx.offset);
  if (!/^[0-9.[\]:a-fA-F]*$/.test(typed) || /^[^[]*:|\]:/.test(typed)) return [];
  const span = firstToken(ctx.value, ctx.offset, ctx.value.startsWith('[') ? '' : ':') ?? { start: 0, end: ctx.offset };
  const loopback = (address: string, shown: string): Choice => {
    const free = ctx.env.hooks.nextFreePort?.(ctx.scope, address);
    const host = free ?? 8080;
    return {
      label: `${shown}:${host}:80`,
      insertText: `${shown}:\${1:${host}}:\${2:80}`,
      snippet: true,
      detail: free !== undefined ? `loopback only; ${free} is the next free port on ${address}` : 'loopback only: other machines cannot connect',
      documentation: `Publishes the container port on \`${address}\` only. Other users of the host reach it there; nothing outside the machine can.`,
      kind: 'value',
    };
  };
  return items(ctx, span, [loopback('127.0.0.1', '127.0.0.1'), loopback('::1', '[::1]')], 0);
}

const WELL_KNOWN_TARGETS: Array<[string, string]> = [
  ['default.target', 'the default boot (or, for a user manager, login) target'],
  ['multi-user.target', 'the system without a graphical session (system manager)'],
  ['sockets.target', 'socket units are started from it'],
  ['timers.target', 'timer units are started from it'],
  ['network-online.target', 'reached once the network is configured'],
];

function unitList(ctx: ValueContext): CompletionItem[] {
  const span = wordAround(ctx.value, ctx.offset);
  const present = new Set(ctx.value.split(/\s+/).filter(Boolean));
  const version = ctx.env.settings.podmanVersion;
  const self = generatedNamesOf(nav(ctx), ctx.unit)?.service ?? ctx.unit.name;
  const choices: Choice[] = [];
  const add = (c: Choice) => {
    if (!present.has(c.label) && c.label !== self && c.label !== ctx.unit.name && !choices.some((x) => x.label === c.label)) choices.push(c);
  };
  const rootless = ctx.scope.rootless !== false;
  if (ctx.section === 'Install' && ctx.entry.key !== 'Also') {
    for (const [label, documentation] of WELL_KNOWN_TARGETS) if (label !== 'network-online.target' && !(rootless && label === 'multi-user.target')) add({ label, documentation });
    for (const u of unitsInScope(ctx.env.index, ctx.scope, ['target'])) add({ label: u.name, kind: 'reference' });
    return items(ctx, span, choices);
  }
  // From 5.5 the generator translates quadlet file names in [Unit] dependency keys (§7.1); earlier
  // versions copy them verbatim, so there the generated service name is offered instead.
  const translate = isQuadletType(ctx.type) && ctx.section === 'Unit' && TRANSLATED.has(ctx.entry.key) && atLeast(version, TRANSLATION_SINCE);
  for (const u of unitsInScope(ctx.env.index, ctx.scope)) {
    if (unitNameParts(u.name).instance === '') continue;
    if (isQuadletType(u.type)) {
      const service = generatedNamesOf(nav(ctx), u)?.service;
      if (!service) continue;
      if (translate) add({ label: u.name, detail: `→ ${service}`, kind: 'reference' });
      else add({ label: service, detail: `generated from ${u.name}`, kind: 'reference' });
    } else add({ label: u.name, detail: u.file.path, kind: 'reference' });
  }
  if (ctx.section === 'Unit') for (const [label, documentation] of WELL_KNOWN_TARGETS.slice(4)) add({ label, documentation });
  return items(ctx, span, choices);
}

// ---- dispatch ---------------------------------------------------------------------------------

const BY_KIND: Partial<Record<string, (ctx: ValueContext) => CompletionItem[]>> = {
  bool: booleans,
  enum: enums,
  network: network,
  'pod-ref': podRef,
  'image-ref': imageRef,
  volume: volume,
  mount: mount,
  'capability-list': capabilities,
  signal: signals,
  'publish-port': publishPort,
  'unit-list': unitList,
};

const BY_KEY: Partial<Record<string, (ctx: ValueContext) => CompletionItem[]>> = {
  'Service.AmbientCapabilities': capabilities,
  'Service.CapabilityBoundingSet': capabilities,
  'Volume.Image': imageRef,
};

/** A `%` or `%x` just before the cursor (a `%%` pair is a literal percent, not an open specifier). */
function specifierStart(value: string, offset: number): number | undefined {
  for (let i = 0; i < offset; i++) {
    if (value[i] !== '%') continue;
    if (offset === i + 1 || (offset === i + 2 && /[A-Za-z%]/.test(value[i + 1]))) return i;
    i++;
  }
  return undefined;
}

function specifiers(ctx: ValueContext, start: number): CompletionItem[] {
  const choices = SPECIFIER_MEANINGS.map((s) => ({ label: `%${s.letter}`, documentation: s.meaning, detail: s.meaning, kind: 'specifier' as const }));
  return items(ctx, { start, end: ctx.offset }, choices, 0, 'specifier');
}

export function valueCompletions(located: Located, place: ValuePlace, type: UnitType, env: CompletionEnv): CompletionItem[] {
  const { entry, offset } = place;
  const unit = located.unit!;
  const info = lookupKey(type, place.section.name, entry.key);
  if (!info || entry.templated) return [];
  // In the blanks after the text (`AddCapability=CHOWN |`) a new word starts.
  const value = place.pastEnd ? `${entry.value} ` : entry.value;
  const ctx: ValueContext = {
    env, located, unit, type, section: place.section.name, entry, value, offset: place.pastEnd ? value.length : offset,
    position: located.position, info, scope: unit.file.placement.scope,
  };
  const spec = specifierStart(entry.value, offset);
  if (spec !== undefined) return specifiers(ctx, spec);
  const complete = BY_KEY[`${info.section}.${info.key}`] ?? BY_KIND[info.kind] ?? (info.valueDocs ? enums : undefined);
  return complete ? complete(ctx) : [];
}
