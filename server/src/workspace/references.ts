// Every reference a unit makes to another unit or to a Podman object, with the exact range of the
// name. Read from the effective unit (file + drop-ins): each reference remembers the file that wrote
// it, so diagnostics and edits land there.
//
// What the generator resolves (docs/generator-facts.md §7.2, §7.3, §8.3):
//   Network=X.network|X.container[:opts]   Pod=X.pod           Volume=X.volume:dst[:opts]
//   Mount=…,source=X.volume|X.image|X.artifact,…              Image=X.image|X.build
//   [Volume] Image=X.image|X.build (Driver=image)              [Unit] dependencies naming X.container… (5.5+)
// And what systemd resolves: [Unit] dependencies on X.service, a socket's service (Service= or the same
// name), a timer's unit (Unit= or the same name).

import { isQuadletType, MAIN_SECTION, QUADLET_TYPES, UnitType, unitNameParts } from '../catalog/filetypes';
import { atLeast } from '../catalog/versions';
import { Entry, Range, valuePieceRange } from '../syntax/model';
import { splitWords } from '../syntax/words';
import { ParsedUnit } from './files';
import { ObjectKind } from './names';
import { UnitView } from './unit-view';

/** `[Unit]` keys whose values are unit lists (the ones 5.5+ translates, docs/generator-facts.md §7.1). */
export const DEPENDENCY_KEYS = [
  'After', 'Before', 'BindsTo', 'Conflicts', 'OnFailure', 'OnSuccess', 'PartOf', 'PropagatesReloadTo', 'PropagatesStopTo',
  'ReloadPropagatedFrom', 'Requires', 'Requisite', 'StopPropagatedFrom', 'Upholds', 'Wants',
] as const;

/** Dependencies that make the referrer fail when the target cannot be found. */
const HARD_DEPENDENCIES = new Set(['Requires', 'BindsTo', 'Requisite']);

export type ReferenceForm =
  /** A quadlet file name: "db.network". */
  | 'quadlet'
  /** A systemd unit name: "db.service", "db-activator.socket". */
  | 'unit'
  /** A Podman object name: "systemd-db". */
  | 'object';

export interface Reference {
  form: ReferenceForm;
  /** The name as written (a file name, unit name or object name). */
  name: string;
  /** For `quadlet` references: the file type the extension names. */
  targetType?: UnitType;
  /** For `object` references. */
  objectKind?: ObjectKind;
  section: string;
  /** The key that holds the reference ("Network", "Requires", "PodmanArgs", "Service"). */
  key: string;
  /** The referrer cannot work without the target (Network, Pod, Volume, Image, Requires, BindsTo, …). */
  hard: boolean;
  /** Exactly the name (for implicit references: the section header that implies it). */
  range: Range;
  /** The file (or `.quadlets` part) that wrote it. */
  unit: ParsedUnit;
  entry?: Entry;
  /** Not written: a socket's or timer's same-named service. */
  implicit?: boolean;
}

const QUADLET_EXT = new RegExp(`\\.(${QUADLET_TYPES.join('|')})$`);
/** Network modes and special values that are not network names. */
const NETWORK_MODES = new Set(['', 'host', 'none', 'private', 'bridge', 'slirp4netns', 'pasta', 'ns', 'container', 'default']);

// Names repeat across units (every container of a user names its network): one answer per name.
const TYPE_MEMO_LIMIT = 50_000;
let typeMemo = new Map<string, UnitType | null>();

function quadletTypeOf(name: string): UnitType | undefined {
  let type = typeMemo.get(name);
  if (type === undefined) {
    if (typeMemo.size >= TYPE_MEMO_LIMIT) typeMemo = new Map();
    const m = QUADLET_EXT.exec(name);
    type = m && unitNameParts(name).stem !== '' ? (m[1] as UnitType) : null;
    typeMemo.set(name, type);
  }
  return type ?? undefined;
}

/**
 * A reference written in a value: its range is computed on first use (rules read the ranges of the
 * few they report; computing every one up front was most of the cost of extracting references).
 */
class ValueReference implements Reference {
  form: ReferenceForm;
  name: string;
  targetType?: UnitType;
  objectKind?: ObjectKind;
  section: string;
  key: string;
  hard: boolean;
  unit: ParsedUnit;
  entry: Entry;
  implicit?: boolean;
  private rangeValue?: Range;

  constructor(
    ref: Base,
    form: ReferenceForm,
    name: string,
    targetType: UnitType | undefined,
    objectKind: ObjectKind | undefined,
    private readonly start: number,
    private readonly end: number,
  ) {
    this.form = form;
    this.name = name;
    this.targetType = targetType;
    this.objectKind = objectKind;
    this.section = ref.section;
    this.key = ref.key;
    this.hard = ref.hard;
    this.unit = ref.unit;
    this.entry = ref.entry;
    this.implicit = undefined;
  }

  get range(): Range {
    return (this.rangeValue ??= valuePieceRange(this.entry, this.start, this.end));
  }

  set range(r: Range) {
    this.rangeValue = r;
  }
}

/** What a value reference shares with its entry. */
type Base = Pick<Reference, 'section' | 'key' | 'hard' | 'unit'> & { entry: Entry };

class Collector {
  readonly refs: Reference[] = [];
  constructor(readonly version: string) {}

  /** A quadlet file name (`targetType`), a systemd unit name, or an object name (`objectKind`) in a value. */
  add(base: Base, form: ReferenceForm, name: string, targetType: UnitType | undefined, objectKind: ObjectKind | undefined, start: number, end: number): void {
    this.refs.push(new ValueReference(base, form, name, targetType, objectKind, start, end));
  }

  /** A name that is a quadlet file reference if its extension is one of `types`, else maybe an object. */
  nameOrObject(base: Base, name: string, start: number, types: string[], objectKind?: ObjectKind): void {
    const type = quadletTypeOf(name);
    if (type && types.includes(type)) this.add(base, 'quadlet', name, type, undefined, start, start + name.length);
    else if (objectKind && !type && name) this.add(base, 'object', name, undefined, objectKind, start, start + name.length);
  }
}

/** `Network=` values: "X.network[:opts]", "X.container", a network name, or a mode. */
function networkValue(c: Collector, base: Base, value: string, offset: number): void {
  const colon = value.indexOf(':');
  const name = colon === -1 ? value : value.slice(0, colon);
  if (NETWORK_MODES.has(name) || name.includes('%')) return;
  c.nameOrObject(base, name, offset, ['network', 'container'], 'network');
}

/** `Volume=` values: "src:dst[:opts]"; a single part is a destination (an anonymous volume). */
function volumeValue(c: Collector, base: Base, value: string): void {
  const colon = value.indexOf(':');
  if (colon <= 0) return;
  const source = value.slice(0, colon);
  if (source.startsWith('/') || source.startsWith('.') || source.includes('%')) return;
  const types = atLeast(c.version, '5.7') ? ['volume', 'artifact'] : ['volume'];
  c.nameOrObject(base, source, 0, types, 'volume');
}

/** Comma-separated CSV fields of one mount, with their offsets (quotes handled as encoding/csv does). */
function csvFields(text: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  let i = 0;
  while (i <= text.length) {
    const start = i;
    let field = '';
    if (text[i] === '"') {
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++];
      }
      while (i < text.length && text[i] !== ',') field += text[i++];
    } else {
      while (i < text.length && text[i] !== ',') field += text[i++];
    }
    out.push({ text: field, start });
    i++;
  }
  return out;
}

/** `Mount=` values: each word is one mount; the last source=/src= names the source. */
function mountValue(c: Collector, base: Base, value: string): void {
  const artifacts = atLeast(c.version, '5.7');
  for (const word of splitWords(value).words) {
    const fields = csvFields(word.text);
    const type = fields[0]?.text.startsWith('type=') ? fields[0].text.slice(5) : atLeast(c.version, '5.6') ? 'volume' : undefined;
    if (!type || !['volume', 'bind', 'glob', 'image', ...(artifacts ? ['artifact'] : [])].includes(type)) continue;
    const source = [...fields].reverse().find((f) => f.text.startsWith('source=') || f.text.startsWith('src='));
    if (!source) continue;
    const prefix = source.text.startsWith('src=') ? 4 : 7;
    const name = source.text.slice(prefix);
    // Offsets are exact when the word has no quotes or escapes; otherwise point at the whole word.
    const exact = word.end - word.start === word.text.length && !word.quoted && !word.text.includes('"');
    const start = exact ? word.start + source.start + prefix : word.start;
    const end = exact ? start + name.length : word.end;
    const types = ['volume', 'image', ...(artifacts ? ['artifact'] : [])];
    const qtype = quadletTypeOf(name);
    if (qtype && types.includes(qtype)) c.add(base, 'quadlet', name, qtype, undefined, start, end);
    else if (!qtype && type === 'volume' && name && !name.startsWith('/') && !name.startsWith('.') && !name.includes('%')) {
      c.add(base, 'object', name, undefined, 'volume', start, end);
    }
  }
}

/** `PodmanArgs=--network X` / `--network=X` / `--net X`: passed to podman as is, never translated. */
function podmanArgsNetworks(c: Collector, base: Base, value: string): void {
  const words = splitWords(value).words;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const m = /^(--network|--net)(=?)(.*)$/.exec(w.text);
    if (!m) continue;
    const target = m[2] === '=' ? { text: m[3], start: w.start + (w.quoted ? 0 : m[1].length + 1), exact: !w.quoted } : words[i + 1] && { text: words[i + 1].text, start: words[i + 1].start, exact: !words[i + 1].quoted };
    if (!target) continue;
    if (target.exact) networkValue(c, base, target.text, target.start);
    else {
      // Quoted: keep the reference, pointing at the whole word.
      const before = c.refs.length;
      networkValue(c, base, target.text, 0);
      for (const r of c.refs.slice(before)) r.range = valuePieceRange(base.entry, target.start, m[2] === '=' ? w.end : words[i + 1].end);
    }
  }
}

interface DependencyName {
  name: string;
  type?: UnitType;
  start: number;
  end: number;
}

// [Unit] dependency values repeat across units (After=network-online.target): their names are
// read once per distinct value. Bounded like the value memos.
const DEPENDENCY_MEMO_LIMIT = 50_000;
let dependencyMemo = new Map<string, DependencyName[]>();

function dependencyNames(value: string): DependencyName[] {
  let names = dependencyMemo.get(value);
  if (!names) {
    if (dependencyMemo.size >= DEPENDENCY_MEMO_LIMIT) dependencyMemo = new Map();
    names = [];
    for (const w of splitWords(value).words) {
      if (w.text.includes('%') || !w.text.includes('.')) continue;
      names.push({ name: w.text, type: quadletTypeOf(w.text), start: w.start, end: w.end });
    }
    dependencyMemo.set(value, names);
  }
  return names;
}

function dependencyWords(c: Collector, unit: ParsedUnit, entry: Entry, key: string): void {
  const names = dependencyNames(entry.value);
  if (names.length === 0) return;
  const base: Base = { section: 'Unit', key, hard: HARD_DEPENDENCIES.has(key), unit, entry };
  for (const n of names) c.add(base, n.type ? 'quadlet' : 'unit', n.name, n.type, undefined, n.start, n.end);
}

/** Extracts every reference of the effective unit. */
export function extractReferences(view: UnitView, podmanVersion: string): Reference[] {
  const c = new Collector(podmanVersion);
  const type = view.type;
  if (!type || view.main.foreign) return c.refs;

  if (isQuadletType(type)) {
    const S = MAIN_SECTION[type];
    // Index loops here and below: this runs once per unit, often before it is optimised, and the
    // iterator objects of for…of were most of its garbage.
    const each = (key: string, fn: (base: Base, value: string) => void) => {
      const list = view.values(S, key);
      for (let i = 0; i < list.length; i++) {
        const { entry, unit } = list[i];
        if (entry.templated) continue;
        fn({ section: S, key, hard: true, unit, entry }, entry.value);
      }
    };
    if (type === 'container' || type === 'pod' || type === 'kube' || type === 'build') each('Network', (b, v) => networkValue(c, b, v, 0));
    if (type === 'container' || type === 'pod' || type === 'build') each('Volume', (b, v) => volumeValue(c, b, v));
    if (type === 'container') {
      each('Mount', (b, v) => mountValue(c, b, v));
      const pod = view.last(S, 'Pod');
      if (pod && !pod.entry.templated && pod.entry.value.endsWith('.pod')) {
        c.add({ section: S, key: 'Pod', hard: true, unit: pod.unit, entry: pod.entry }, 'quadlet', pod.entry.value, 'pod', undefined, 0, pod.entry.value.length);
      }
    }
    const imageHolder = type === 'container' || (type === 'volume' && view.lastValue(S, 'Driver')?.trim() === 'image');
    const image = imageHolder ? view.last(S, 'Image') : undefined;
    if (image && !image.entry.templated) {
      const t = quadletTypeOf(image.entry.value);
      if (t === 'image' || t === 'build') c.add({ section: S, key: 'Image', hard: true, unit: image.unit, entry: image.entry }, 'quadlet', image.entry.value, t, undefined, 0, image.entry.value.length);
    }
    each('PodmanArgs', (b, v) => podmanArgsNetworks(c, b, v));
  }

  for (let k = 0; k < DEPENDENCY_KEYS.length; k++) {
    const key = DEPENDENCY_KEYS[k];
    const list = view.values('Unit', key);
    for (let i = 0; i < list.length; i++) if (!list[i].entry.templated) dependencyWords(c, list[i].unit, list[i].entry, key);
  }

  if (type === 'socket' || type === 'timer') {
    const section = type === 'socket' ? 'Socket' : 'Timer';
    const key = type === 'socket' ? 'Service' : 'Unit';
    const explicit = view.last(section, key);
    if (explicit && explicit.entry.value && !explicit.entry.templated) {
      c.add({ section, key, hard: true, unit: explicit.unit, entry: explicit.entry }, 'unit', explicit.entry.value, undefined, undefined, 0, explicit.entry.value.length);
    } else {
      const header = view.doc.sections.find((s) => s.name === section);
      const { prefix, stem } = unitNameParts(view.name);
      // Accept=yes sockets start one instance of the template "X@.service" per connection.
      const accept = type === 'socket' && /^(1|yes|true|on)$/i.test(view.lastValue('Socket', 'Accept')?.trim() ?? '');
      const name = accept ? `${prefix}@.service` : `${stem}.service`;
      if (header) c.refs.push({ section, key, hard: true, unit: view.main, form: 'unit', name, range: header.nameRange, implicit: true });
    }
  }
  return c.refs;
}

/** Does the generator replace this quadlet file name by the generated service name? */
export function generatorTranslates(ref: Reference, referrerType: UnitType | undefined, podmanVersion: string): boolean {
  if (ref.form !== 'quadlet') return false;
  if (ref.key === 'PodmanArgs') return false;
  if (ref.section !== 'Unit') return true;
  return isQuadletType(referrerType) && atLeast(podmanVersion, '5.5');
}
