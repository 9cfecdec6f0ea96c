// Completion: section headers valid for the file type, keys of the section for the target Podman
// version, values (completion-values.ts) and new-file skeletons. Rule of thumb: never offer what
// the analysis would then flag (unknown, too new, duplicate or conflicting keys, other scopes).

import { KeyInfo, describeSection, keysOf } from '../catalog/keys';
import { MAIN_SECTION, UnitType, isQuadletType, sectionsFor } from '../catalog/filetypes';
import { skeletonsFor } from '../catalog/snippets';
import { atLeast } from '../catalog/versions';
import { Position, Range } from '../syntax/model';
import { SourceFile } from '../workspace/files';
import { keyDetail, keyMarkdown } from './key-docs';
import { Located, Place, locate } from './locate';
import { valueCompletions } from './completion-values';
import { CompletionEnv, CompletionItem, sortKey } from './completion-types';
import { viewOf } from './references';

export type { CompletionEnv, CompletionHooks, CompletionItem, CompletionKind } from './completion-types';

// Keys the generator refuses together (docs/generator-facts.md §7.2, §7.4).
const CONFLICTS: Record<string, string[]> = {
  Image: ['Rootfs'],
  Rootfs: ['Image'],
  ReloadCmd: ['ReloadSignal'],
  ReloadSignal: ['ReloadCmd'],
  RemapUsers: ['UserNS', 'UIDMap', 'GIDMap', 'SubUIDMap', 'SubGIDMap'],
  RemapUid: ['UserNS', 'UIDMap', 'GIDMap', 'SubUIDMap', 'SubGIDMap'],
  RemapGid: ['UserNS', 'UIDMap', 'GIDMap', 'SubUIDMap', 'SubGIDMap'],
  UserNS: ['RemapUsers', 'RemapUid', 'RemapGid'],
  UIDMap: ['RemapUsers', 'RemapUid', 'RemapGid'],
  GIDMap: ['RemapUsers', 'RemapUid', 'RemapGid'],
  SubUIDMap: ['RemapUsers', 'RemapUid', 'RemapGid'],
  SubGIDMap: ['RemapUsers', 'RemapUid', 'RemapGid'],
};

/**
 * Keys the generator refuses without a partner (§7.2, §7.5; rule `conflicting-keys`): offered only
 * once the partner is set. `count(key)` counts the section's non-empty assignments.
 */
function lacksPartner(key: string, section: string, type: UnitType, count: (key: string) => number, last: (key: string) => string | undefined): boolean {
  if (!isQuadletType(type) || section !== MAIN_SECTION[type]) return false;
  switch (key) {
    case 'Group':
      return type === 'container' && count('User') === 0;
    case 'RemapUid':
    case 'RemapGid':
      return count('RemapUsers') === 0;
    case 'Gateway':
    case 'IPRange':
      return type === 'network' && count(key) >= count('Subnet');
    case 'Type':
    case 'Options':
      return type === 'volume' && count('Device') === 0 && last('Driver') !== 'image';
    default:
      return false;
  }
}

// [Service] keys the generator warns about in quadlets (5.6+): Podman runs the container as the manager's user.
const QUADLET_SERVICE_UNSUPPORTED = new Set(['User', 'Group', 'DynamicUser']);

/** Keys the target version has, for a section of a file type. */
export function keysForTarget(type: UnitType, section: string, version: string): KeyInfo[] {
  return keysOf(type, section).filter((k) => !k.unreleased && (!k.since || atLeast(version, k.since)));
}

function sectionItems(located: Located, type: UnitType | undefined, range: Range): CompletionItem[] {
  if (!type) return [];
  const doc = located.unit?.doc;
  const present = new Set((doc?.sections ?? []).filter((s) => s.line !== located.position.line).map((s) => s.name));
  const main = isQuadletType(type) ? MAIN_SECTION[type] : undefined;
  return sectionsFor(type)
    .filter((name) => !present.has(name))
    .map((name, i) => ({
      label: `[${name}]`,
      kind: 'section' as const,
      detail: name === main ? `main section of a .${type} file` : `section of a .${type} file`,
      documentation: describeSection(name),
      insertText: `[${name}]`,
      filterText: `[${name}]`,
      range,
      sortText: sortKey(name === main ? 0 : 1, i),
    }));
}

function keyItems(located: Located, place: Extract<Place, { kind: 'key' }>, type: UnitType, env: CompletionEnv): CompletionItem[] {
  const section = place.section;
  if (!section) return sectionItems(located, type, place.range);
  if (!sectionsFor(type).includes(section.name)) return [];
  const unit = located.unit!;
  const setHere = new Set(unit.doc.entries.filter((e) => e.section.name === section.name && e !== place.entry).map((e) => e.key));
  // Partners may come from drop-ins, so the effective unit decides (a drop-in itself only sees its own lines).
  const effective = unit.identity.kind === 'dropin' ? unit.doc.entries.filter((e) => e.section.name === section.name) : viewOf({ index: env.index, podmanVersion: env.settings.podmanVersion }, unit).entries(section.name).map((s) => s.entry);
  const count = (key: string) => effective.filter((e) => e.key === key && e.value.trim() !== '' && e !== place.entry).length;
  const last = (key: string) => effective.filter((e) => e.key === key && e !== place.entry).pop()?.value.trim();
  const version = env.settings.podmanVersion;
  const items: CompletionItem[] = [];
  for (const info of keysForTarget(type, section.name, version)) {
    if (!info.repeatable && setHere.has(info.key)) continue;
    if (info.origin === 'quadlet' && CONFLICTS[info.key]?.some((k) => setHere.has(k))) continue;
    if (isQuadletType(type) && section.name === 'Service' && QUADLET_SERVICE_UNSUPPORTED.has(info.key)) continue;
    if (lacksPartner(info.key, section.name, type, count, last)) continue;
    const withValue = !place.entry;
    items.push({
      label: info.key,
      kind: 'key',
      detail: keyDetail(info),
      documentation: keyMarkdown(info, version),
      insertText: withValue ? `${info.key}=` : info.key,
      filterText: info.key,
      range: place.range,
      deprecated: info.deprecated,
      retrigger: withValue,
      sortText: '',
    });
  }
  items.sort((a, b) => Number(!!a.deprecated) - Number(!!b.deprecated) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  items.forEach((item, i) => (item.sortText = sortKey(item.deprecated ? 9 : 1, i)));
  return items;
}

function skeletonItems(located: Located, type: UnitType | undefined, env: CompletionEnv): CompletionItem[] {
  const eol = located.file.text.includes('\r\n') ? '\r\n' : '\n';
  const at: Position = located.position;
  const proxyd = env.settings.socketProxydPath;
  return skeletonsFor(type).map((s, i) => {
    let body = s.body.join(eol);
    if (proxyd) body = body.split('/usr/lib/systemd/systemd-socket-proxyd').join(proxyd);
    return { label: s.prefix[0], kind: 'snippet' as const, detail: s.name, documentation: s.description, insertText: body, snippet: true, range: { start: at, end: at }, sortText: sortKey(0, i) };
  });
}

/** Completion at a position of an indexed file. */
export function completions(file: SourceFile, position: Position, env: CompletionEnv): CompletionItem[] {
  if (file.skipped) return [];
  const located = locate(file, position);
  const place = located.place;
  const type = located.unit?.type ?? (located.unit ? undefined : file.identity.type);
  if (located.unit?.foreign) return [];
  switch (place.kind) {
    case 'empty-file': {
      const whole = located.file.identity.kind === 'quadlets' ? undefined : file.identity.type;
      const range = { start: position, end: position };
      // A drop-in holds a few lines of its unit's sections, never a whole unit.
      const skeletons = file.identity.kind === 'dropin' ? [] : skeletonItems(located, whole, env);
      return [...skeletons, ...sectionItems(located, whole, range)];
    }
    case 'section':
      return sectionItems(located, type, place.range);
    case 'key':
      return type ? keyItems(located, place, type, env) : [];
    case 'value':
      return type ? valueCompletions(located, place, type, env) : [];
    default:
      return [];
  }
}
