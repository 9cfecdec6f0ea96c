// Finds where in a unit (or its drop-ins) a generator message points: the key it names, or the
// entry whose value it quotes. Falls back to line 1 of the unit file, as the generator gives no
// position for conversion errors.

import { MAIN_SECTION, isQuadletType } from '../../catalog/filetypes';
import { Entry, Range, UnitDocument } from '../../syntax/model';
import { ParsedUnit } from '../../workspace/files';
import { SourcedEntry, UnitView } from '../../workspace/unit-view';

export interface Spot {
  unit: ParsedUnit;
  range: Range;
}

// Go error texts name some keys by a lower-case noun ("cannot set gateway or range without subnet",
// "the key Image is mandatory when using the image driver").
const NOUN_KEYS: Record<string, string[]> = {
  gateway: ['Gateway'],
  gateways: ['Gateway'],
  range: ['IPRange'],
  ranges: ['IPRange'],
  subnet: ['Subnet'],
  subnets: ['Subnet'],
  driver: ['Driver'],
};

/** `Mount=` of a type that needs a source (volume — the default —, image, artifact) without one. */
function mountWithoutSource(e: Entry): boolean {
  if (e.key !== 'Mount') return false;
  const opts = new Map(e.value.replace(/^"|"$/g, '').split(',').map((kv) => [kv.split('=')[0].trim(), kv.slice(kv.indexOf('=') + 1).trim()] as const));
  const type = opts.get('type') ?? 'volume';
  return ['volume', 'image', 'artifact'].includes(type) && !opts.get('source') && !opts.get('src');
}

/** Range of the trimmed text of a (0-based) line; empty at column 0 when the line is blank. */
export function lineSpot(doc: UnitDocument, line: number): Range {
  const text = doc.lines[line] ?? '';
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  return { start: { line, character: end > start ? start : 0 }, end: { line, character: end > start ? end : 0 } };
}

function spotOf(e: SourcedEntry): Spot {
  return { unit: e.unit, range: e.entry.keyRange };
}

/** Entries of the view, main section first, then the others in file order. */
function orderedEntries(view: UnitView): SourcedEntry[] {
  const main = isQuadletType(view.type) ? MAIN_SECTION[view.type] : undefined;
  const all: SourcedEntry[] = [];
  for (const unit of view.documents) for (const entry of unit.doc.entries) all.push({ entry, unit });
  return [...all.filter((e) => e.entry.section.name === main), ...all.filter((e) => e.entry.section.name !== main)];
}

/** The last assignment of a key (the one that wins for single-value keys). */
function lastOf(entries: SourcedEntry[], match: (e: Entry) => boolean): SourcedEntry | undefined {
  const hits = entries.filter((e) => match(e.entry));
  return hits[hits.length - 1];
}

function valueTokens(value: string): string[] {
  return [value.trim(), ...value.split(/[\s,:=]+/)].map((t) => t.replace(/^["']|["']$/g, '')).filter(Boolean);
}

/** Words of a message that may be values it quotes: "…" strings, file names, dashed names. */
function quotedTokens(message: string): string[] {
  const quoted = [...message.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  const words = message.split(/\s+/).map((w) => w.replace(/^[("']+|[)"',.:;]+$/g, ''));
  const named = words.filter((w) => /^[\w@%.-]+\.(?:container|volume|network|kube|image|build|pod|artifact)$/.test(w) || /^[\w@%.]+-[\w@%.-]+$/.test(w));
  return [...quoted, ...named];
}

export function findSpot(view: UnitView, message: string): Spot | undefined {
  const entries = orderedEntries(view);
  // 1. "unsupported key 'Foo' in group 'Container'" / "using key User in the Service group".
  const named = /key '([^']+)' in group '([^']+)'/.exec(message) ?? /key (\w+) in the (\w+) group/.exec(message);
  if (named) {
    const hit = entries.find((e) => e.entry.key === named[1] && e.entry.section.name === named[2]);
    if (hit) return spotOf(hit);
  }
  // 2. Capitalised words that are keys of this unit ("invalid Group set without User" → Group);
  //    a word that only starts key names counts too ("Remap keys" → RemapUsers).
  for (const word of message.match(/\b[A-Z][A-Za-z0-9]+\b/g) ?? []) {
    const exact = lastOf(entries, (e) => e.key === word);
    if (exact) return spotOf(exact);
  }
  for (const word of message.match(/\b[A-Z][A-Za-z0-9]{3,}\b/g) ?? []) {
    const prefix = lastOf(entries, (e) => e.key.startsWith(word));
    if (prefix) return spotOf(prefix);
  }
  // 3. Values the message quotes ("pod test-pod is not Quadlet based" → Pod=test-pod).
  for (const token of quotedTokens(message)) {
    const hit = entries.find((e) => valueTokens(e.entry.value).includes(token));
    if (hit) return spotOf(hit);
  }
  // 4. "source cannot be empty": the Mount= that has none.
  if (/\bsource\b/.test(message)) {
    const hit = entries.find((e) => mountWithoutSource(e.entry));
    if (hit) return spotOf(hit);
  }
  // 5. Keys named by a lower-case noun.
  for (const word of message.toLowerCase().match(/[a-z]+/g) ?? []) {
    for (const key of NOUN_KEYS[word] ?? []) {
      const hit = lastOf(entries, (e) => e.key === key);
      if (hit) return spotOf(hit);
    }
  }
  return undefined;
}

/** Where to report a message about a unit: the spot it names, else line 1 of the unit file. */
export function spotFor(view: UnitView, message: string): Spot {
  return findSpot(view, message) ?? { unit: view.main, range: lineSpot(view.main.doc, view.main.doc.firstLine) };
}
