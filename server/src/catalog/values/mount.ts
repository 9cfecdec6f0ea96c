// Mount=: the value is split into words like an exec line and each word is one mount, written as a
// CSV record `type=…,source=…,destination=…[,options]`. The generator resolves the source of
// volume, bind, glob and image mounts (and artifact from 5.7): it refuses a `source` without value
// and, from 5.7, an empty or missing source — the 5.4–5.6 generators crash (Go panic) on it instead,
// losing every unit after this one. Podman then refuses unknown types and options, and a mount
// without an absolute destination (glob mounts excepted).

import { atLeast } from '../versions';
import { splitArgs } from './lists';
import { hasExpansion } from './specifiers';
import { ValueProblem, ValueResult, problem } from './types';

export interface CsvField {
  text: string;
  start: number;
  end: number;
}

/** One record of Go's encoding/csv (no lazy quotes); offsets are relative to `line`. */
export function parseCsvRecord(line: string): { fields: CsvField[]; error?: { at: number; message: string } } {
  const fields: CsvField[] = [];
  let i = 0;
  for (;;) {
    const start = i;
    let text = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) return { fields, error: { at: start, message: 'this quoted field is never closed' } };
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            text += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += line[i++];
      }
      if (i < line.length && line[i] !== ',') return { fields, error: { at: i, message: 'a quoted field must end right before "," (extraneous " in field)' } };
    } else {
      while (i < line.length && line[i] !== ',') {
        if (line[i] === '"') return { fields, error: { at: i, message: 'bare " in a field that does not start with a quote' } };
        text += line[i++];
      }
    }
    fields.push({ text, start, end: i });
    if (i >= line.length) return { fields };
    i++; // the comma
  }
}

const DESTINATION_KEYS = ['target', 'dst', 'destination'];
const DEST_ALIAS_SINCE = '5.6';
const NO_TYPE_SINCE = '5.6';
const ARTIFACT_TYPE_SINCE = '5.5';
const ARTIFACT_SOURCE_SINCE = '5.7';
const EMPTY_SOURCE_REFUSED_SINCE = '5.7';

const COMMON = ['consistency', 'idmap', 'readonly', 'ro', 'rw', 'nodev', 'dev', 'noexec', 'exec', 'nosuid', 'suid', 'relabel',
  'shared', 'rshared', 'private', 'rprivate', 'slave', 'rslave', 'unbindable', 'runbindable', 'Z', 'z', 'no-dereference', 'U', 'chown'];
const OPTIONS: Record<string, string[]> = {
  bind: [...COMMON, 'source', 'src', 'bind-nonrecursive', 'bind-propagation'],
  glob: [...COMMON, 'source', 'src'],
  volume: [...COMMON, 'source', 'src', 'subpath', 'volume-subpath', 'volume-opt'],
  tmpfs: [...COMMON, 'noswap', 'tmpcopyup', 'notmpcopyup', 'tmpfs-mode', 'tmpfs-size'],
  ramfs: [...COMMON],
  image: ['source', 'src', 'rw', 'readwrite', 'subpath', 'consistency'],
  artifact: ['source', 'src', 'title', 'digest', 'name'],
  devpts: ['uid', 'gid', 'mode', 'ptmxmode', 'newinstance', 'max'],
};
/** Types whose source the generator resolves (and therefore requires). */
function resolvesSource(type: string, version: string): boolean {
  return ['volume', 'bind', 'glob', 'image'].includes(type) || (type === 'artifact' && atLeast(version, ARTIFACT_SOURCE_SINCE));
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

export interface MountSpec {
  type: string;
  source?: string;
  destination?: string;
}

export interface MountResult extends ValueResult {
  mounts: MountSpec[];
}

function checkOneMount(word: string, version: string, out: ValueProblem[]): MountSpec | undefined {
  const csv = parseCsvRecord(word);
  if (csv.error) {
    out.push(problem(csv.error.at, word.length, `${csv.error.message}; the generator refuses this mount (to put a "," inside a field, quote the field and escape the quotes: \\"source=/a,b\\").`));
    return undefined;
  }
  const at = (f: CsvField, from = 0, to = f.end - f.start) => [f.start + from, f.start + to] as const;
  let type: string | undefined;
  let typeField: CsvField | undefined;
  const tokens: CsvField[] = [];
  for (const f of csv.fields) {
    const kv = f.text.split('=');
    if (!typeField && kv.length === 2 && kv[0] === 'type') {
      type = kv[1];
      typeField = f;
    } else tokens.push(f);
  }
  if (!typeField) {
    if (!atLeast(version, NO_TYPE_SINCE)) out.push(problem(0, word.length, `a mount without type= needs Podman ${NO_TYPE_SINCE} (which assumes type=volume); older generators refuse it.`, 'error', NO_TYPE_SINCE));
    type = 'volume';
  }
  const mountType = type ?? 'volume';
  const allowed = OPTIONS[mountType];
  if (!allowed) {
    if (typeField) out.push(problem(...at(typeField, 5), `"${mountType}" is not a mount type; podman refuses it (bind, volume, tmpfs, image, glob, devpts, ramfs, artifact).`));
    return { type: mountType };
  }
  if (mountType === 'artifact' && typeField && !atLeast(version, ARTIFACT_TYPE_SINCE)) {
    out.push(problem(...at(typeField, 5), `type=artifact mounts need Podman ${ARTIFACT_TYPE_SINCE} or newer.`, 'error', ARTIFACT_TYPE_SINCE));
  }
  const spec: MountSpec = { type: mountType };
  let sourceField: CsvField | undefined;
  let bareSource: CsvField | undefined;
  for (const f of tokens) {
    const eq = f.text.indexOf('=');
    const name = eq === -1 ? f.text : f.text.slice(0, eq);
    const value = eq === -1 ? undefined : f.text.slice(eq + 1);
    if (name === 'source' || name === 'src') {
      if (value === undefined) bareSource = f;
      else {
        sourceField = f;
        spec.source = value;
      }
      if (!allowed.includes(name)) out.push(problem(...at(f), `${article(mountType)} ${mountType} mount takes no ${name}; podman refuses it.`));
      continue;
    }
    if (DESTINATION_KEYS.includes(name) || name === 'dest') {
      if (name === 'dest' && !atLeast(version, DEST_ALIAS_SINCE)) out.push(problem(...at(f, 0, 4), `"dest" is accepted from Podman ${DEST_ALIAS_SINCE} on; write "destination" (or "dst", "target").`, 'error', DEST_ALIAS_SINCE));
      spec.destination = value ?? '';
      if (value && !value.startsWith('/') && !hasExpansion(value)) out.push(problem(...at(f, name.length + 1), `the destination "${value}" must be an absolute path inside the container; podman refuses it.`));
      continue;
    }
    if (!allowed.includes(name)) out.push(problem(...at(f, 0, name.length), `"${name}" is not an option of ${mountType} mounts; podman refuses it.`));
  }
  if (resolvesSource(mountType, version)) {
    if (bareSource && !sourceField) out.push(problem(...at(bareSource), 'source has no value; the generator refuses this mount (write source=PATH or source=NAME).'));
    else if (!spec.source) {
      const where = sourceField ? at(sourceField) : ([0, word.length] as const);
      const message = atLeast(version, EMPTY_SOURCE_REFUSED_SINCE)
        ? `${article(mountType)} ${mountType} mount needs a source; the generator refuses it ("source cannot be empty").`
        : `${article(mountType)} ${mountType} mount needs a source: the Podman ${version} generator crashes on this mount (Go panic) and generates none of the units after it.`;
      out.push(problem(where[0], where[1], message));
    }
  }
  if (mountType !== 'glob' && spec.destination === undefined) out.push(problem(0, word.length, 'this mount has no destination (destination=/path); podman refuses it.'));
  return spec;
}

export function parseMount(value: string, version: string): MountResult {
  const { words, problems } = splitArgs(value);
  const out: ValueProblem[] = [...problems];
  const mounts: MountSpec[] = [];
  if (problems.length > 0) return { problems: out, mounts };
  const split = words.length > 1 ? ' (each blank-separated word of Mount= is a separate mount; quote a mount whose values hold blanks)' : '';
  for (const w of words) {
    const found: ValueProblem[] = [];
    const spec = checkOneMount(w.text, version, found);
    if (spec) mounts.push(spec);
    // Quotes and escapes make the decoded word differ from the raw text: point at the whole word.
    const exact = value.slice(w.start, w.end) === w.text;
    for (const p of found) {
      const moved = exact ? { ...p, start: p.start + w.start, end: p.end + w.start } : { ...p, start: w.start, end: w.end };
      out.push(split && p.severity === 'error' ? { ...moved, message: moved.message.replace(/\.$/, `${split}.`) } : moved);
    }
  }
  return { problems: out, mounts };
}
