// The directive catalogue: every key of every section we know, with its facts and our description.
// Quadlet facts come from data/quadlet-keys.json (generated from keys.tsv, see scripts/gen-catalog.mjs),
// systemd facts and all descriptions are hand-kept JSON.

import quadletKeys from './data/quadlet-keys.json';
import systemdKeys from './data/systemd-keys.json';
import descriptions from './data/quadlet-descriptions.json';
import { ValueKind } from './kinds';
import { MAIN_SECTION, QuadletType, UnitType, isQuadletType, sectionsFor } from './filetypes';
import { docsUrl } from './versions';

export interface KeyInfo {
  section: string;
  key: string;
  origin: 'quadlet' | 'systemd';
  /** Quadlet keys: the file types that accept the key. */
  types?: string[];
  since?: string;
  unreleased?: boolean;
  repeatable: boolean;
  kind: ValueKind;
  values?: string[];
  valueDocs?: Record<string, string>;
  flag?: string;
  default?: string;
  deprecated?: boolean;
  description?: string;
  anchor?: string;
  man?: string;
}

interface DescriptionEntry {
  description: string;
  anchor?: string;
  values?: Record<string, string>;
}

const DESCRIPTIONS = descriptions as Record<string, DescriptionEntry>;

export const QUADLET_SECTIONS = new Set(['Container', 'Pod', 'Kube', 'Network', 'Volume', 'Build', 'Image', 'Artifact', 'Quadlet']);

function buildQuadlet(): Map<string, KeyInfo[]> {
  const bySection = new Map<string, KeyInfo[]>();
  for (const k of quadletKeys as Array<Omit<KeyInfo, 'origin'>>) {
    const d = DESCRIPTIONS[`${k.section}.${k.key}`];
    const info: KeyInfo = { ...k, origin: 'quadlet', description: d?.description, anchor: d?.anchor, valueDocs: d?.values };
    if (!info.values && d?.values && info.kind === 'enum') info.values = Object.keys(d.values);
    const list = bySection.get(k.section) ?? [];
    list.push(info);
    bySection.set(k.section, list);
  }
  return bySection;
}

function buildSystemd(): Map<string, KeyInfo[]> {
  const bySection = new Map<string, KeyInfo[]>();
  for (const k of systemdKeys as Array<{ section: string; key: string; repeatable: boolean; kind: ValueKind; description: string; man: string; values?: Record<string, string> }>) {
    const info: KeyInfo = {
      section: k.section, key: k.key, origin: 'systemd', repeatable: k.repeatable, kind: k.kind,
      description: k.description, man: k.man,
      ...(k.values ? { values: Object.keys(k.values), valueDocs: k.values } : {}),
    };
    const list = bySection.get(k.section) ?? [];
    list.push(info);
    bySection.set(k.section, list);
  }
  return bySection;
}

const QUADLET = buildQuadlet();
const SYSTEMD = buildSystemd();

function computeKeysOf(type: UnitType, section: string): KeyInfo[] {
  if (QUADLET_SECTIONS.has(section)) {
    if (!isQuadletType(type)) return [];
    if (section !== 'Quadlet' && section !== MAIN_SECTION[type]) return [];
    return (QUADLET.get(section) ?? []).filter((k) => !k.types || k.types.includes(type));
  }
  if (section === 'Socket') return [...(SYSTEMD.get('Socket') ?? []), ...SOCKET_SHARED];
  return SYSTEMD.get(section) ?? [];
}

// [Socket] also takes the exec, kill and resource-control keys (they configure the socket's own commands).
const SOCKET_SHARED = (SYSTEMD.get('Service') ?? []).filter((k) => k.man === 'systemd.exec' || k.man === 'systemd.kill' || k.man === 'systemd.resource-control');

// Every rule asks for every entry: the lists and name tables are built once per (type, section).
interface KeyTable {
  list: KeyInfo[];
  byName: Map<string, KeyInfo>;
}
const KEYS_OF = new Map<UnitType, Map<string, KeyTable>>();

function keyTable(type: UnitType, section: string): KeyTable {
  let bySection = KEYS_OF.get(type);
  if (!bySection) KEYS_OF.set(type, (bySection = new Map()));
  let table = bySection.get(section);
  if (!table) {
    const list = computeKeysOf(type, section);
    table = { list, byName: new Map(list.map((k) => [k.key, k])) };
    bySection.set(section, table);
  }
  return table;
}

/** Keys of a section as they apply to a file type (quadlet keys filtered by type). Shared: do not mutate. */
export function keysOf(type: UnitType, section: string): KeyInfo[] {
  return keyTable(type, section).list;
}

export function lookupKey(type: UnitType, section: string, key: string): KeyInfo | undefined {
  return keyTable(type, section).byName.get(key);
}

/** The key table of a section for a file type (what lookupKey reads; shared: do not mutate). */
export function keyTableOf(type: UnitType, section: string): ReadonlyMap<string, KeyInfo> {
  return keyTable(type, section).byName;
}

/** Every quadlet key, for the catalogue test and docs. */
export function allQuadletKeys(): KeyInfo[] {
  return [...QUADLET.values()].flat();
}

export function allSystemdKeys(): KeyInfo[] {
  return [...SYSTEMD.values()].flat();
}

export function isKnownSection(type: UnitType, section: string): boolean {
  return sectionsFor(type).includes(section);
}

export function describeSection(name: string): string | undefined {
  return DESCRIPTIONS[`section:${name}`]?.description;
}

export function describeFileType(ext: string): string | undefined {
  return DESCRIPTIONS[`filetype:${ext}`]?.description;
}

/** Keys that quadlet checks strictly: unknown keys there make the generator fail. */
export function isStrictSection(type: UnitType, section: string): boolean {
  return isQuadletType(type) && (section === MAIN_SECTION[type as QuadletType] || section === 'Quadlet');
}

/** Replacement for deprecated keys; the deprecated rule builds its quick fix from this. */
export const DEPRECATED_REPLACEMENTS: Record<string, string> = {
  RemapUsers: 'UserNS',
  RemapUid: 'UIDMap',
  RemapGid: 'GIDMap',
  RemapUidSize: 'UserNS',
  VolatileTmp: 'ReadOnlyTmpfs',
};

/**
 * Link to the upstream documentation of a key for the target version. Sphinx numbers repeated
 * headings (`#id11`) differently in every release, so those keys link to their section instead.
 */
export function keyDocsUrl(info: KeyInfo, version: string): string {
  if (info.origin === 'systemd') return `https://www.freedesktop.org/software/systemd/man/latest/${info.man ?? 'systemd.unit'}.html#${info.key}=`;
  const anchor = info.anchor && !/^id\d+$/.test(info.anchor) ? info.anchor : `${info.section.toLowerCase()}-units-${info.section.toLowerCase()}`;
  return docsUrl(version, 'podman-systemd.unit.5', info.section === 'Quadlet' ? 'quadlet-section-quadlet' : anchor);
}
