// Inputs and checks shared by the robustness tests: fast-check arbitraries that produce unit-file
// shaped text (real keys, values from a pool of tricky pieces, continuations, comments, template
// syntax, CRLF, BOM, NUL, lone surrogates), mutations of Podman's own fixtures, and the invariants
// every answer must keep (ranges inside the document, a time limit per input).

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { allQuadletKeys, allSystemdKeys } from '../../server/src/catalog/keys';
import { Range } from '../../server/src/syntax/model';
import { CORPUS } from '../conformance/corpus';

/** Fixed seed for every property: a failure reproduces run after run (fast-check prints the path). */
export const SEED = 20261125;

const SECTIONS = ['Unit', 'Container', 'Pod', 'Network', 'Volume', 'Kube', 'Image', 'Build', 'Artifact', 'Quadlet', 'Service', 'Install', 'Socket', 'X-Custom', 'container', ''];
const KEYS = [...new Set([...allQuadletKeys(), ...allSystemdKeys()].map((k) => k.key))].sort();

/** Pieces that have broken parsers and grammars before: quotes, escapes, specifiers, odd numbers. */
const VALUE_PIECES = [
  '', ' ', '"', "'", '\\', '\\\\', '%', '%h', '%%', '%{', '{{ x }}', '{%', '=', ':', '::', '[', ']', '[::1]', '127.0.0.1', '0.0.0.0',
  '8080', '65535', '65536', '-1', '0', '99999999999999999999', '1-65535', '80-', '/tcp', '/udp', '/sctp', ',', ';', '#', 'a=b', 'type=bind',
  'source=', 'docker.io/library/nginx:1', 'x.container', 'x.network', 'x.volume', 'x.pod', 'yes', 'no', 'true', '1s', '5min', '10G',
  'SIGTERM', 'CAP_NET_ADMIN', 'ALL', 'host', 'none', 'pasta:-T,8080', 'keep-id', 'ns:/run/x', '\t', '\u00a0', '\ufeff', '\u0000',
  '\ud800', 'é', '日本', '😀', 'A'.repeat(300),
];

const valueArb = fc.array(fc.oneof(fc.constantFrom(...VALUE_PIECES), fc.string({ maxLength: 12 })), { maxLength: 6 }).map((p) => p.join(''));

const lineArb = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom('=', ' = ', '= ', ' ='), valueArb).map(([k, eq, v]) => `${k}${eq}${v}`) },
  { weight: 1, arbitrary: fc.constantFrom(...SECTIONS).map((s) => `[${s}]`) },
  { weight: 1, arbitrary: valueArb.map((v) => `# ${v}`) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\\', '[', '[Container', 'Container]', '=x', 'noequals', '{% if x %}', '{{ var }}', '{# c #}', '; comment', '# quadlet-ls-disable-next-line port-conflict', '# quadlet-ls-disable *') },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...KEYS), valueArb, valueArb).map(([k, a, b]) => `${k}=${a} \\\n  ${b}`) },
);

/** Text shaped like a unit file: mostly plausible lines, sometimes garbage, any line ending. */
export const unitTextArb: fc.Arbitrary<string> = fc
  .tuple(fc.array(lineArb, { maxLength: 40 }), fc.constantFrom('\n', '\r\n', '\r', '\n\n'), fc.boolean(), fc.boolean())
  .map(([lines, eol, bom, trailing]) => (bom ? '\ufeff' : '') + lines.join(eol) + (trailing ? eol : ''));

/** File names of every kind the index knows, in one user's mirrored directory. */
export const FILE_NAMES = [
  'web.container', 'db.pod', 'app.network', 'data.volume', 'site.kube', 'base.image', 'tool.build', 'blob.artifact', 'multi.quadlets',
  'web.container.d/10-x.conf', 'container.d/00-all.conf', 'web.socket', 'web.service', 'web.timer', 'web@.container', 'blog.container.j2',
];

/** Podman's own fixtures (the corpus), or undefined with the reason when it is not on this machine. */
export function corpusTexts(): { texts: Array<{ name: string; text: string }> } | { reason: string } {
  if (!existsSync(CORPUS)) return { reason: `corpus not found at ${CORPUS}` };
  const texts: Array<{ name: string; text: string }> = [];
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(p).isDirectory()) walk(p, r);
      else if (!name.endsWith('.tsv') && !name.endsWith('.txt')) texts.push({ name: r, text: readFileSync(p, 'utf8') });
    }
  };
  walk(CORPUS, '');
  return texts.length ? { texts } : { reason: `corpus at ${CORPUS} is empty` };
}

/**
 * The corpus texts for a test, or undefined after marking the test skipped (with the reason as a
 * diagnostic) when the corpus is not on this machine: a missing corpus is reported, never passed.
 */
export function corpusOrSkip(t: { diagnostic(m: string): void; skip(m: string): void }): Array<{ name: string; text: string }> | undefined {
  const corpus = corpusTexts();
  if ('reason' in corpus) {
    t.diagnostic(`skipped: ${corpus.reason}`);
    t.skip(corpus.reason);
    return undefined;
  }
  return corpus.texts;
}

/** A mutation of a text: cut, duplicate, splice in tricky pieces, swap line endings. */
export function mutatedArb(texts: string[]): fc.Arbitrary<string> {
  const op = fc.oneof(
    fc.tuple(fc.constant('insert' as const), fc.nat(), fc.constantFrom(...VALUE_PIECES, '\n', '\r\n', '\\\n', '[Container]\n')),
    fc.tuple(fc.constant('delete' as const), fc.nat(), fc.integer({ min: 1, max: 20 })),
    fc.tuple(fc.constant('duplicate' as const), fc.nat(), fc.integer({ min: 1, max: 200 })),
    fc.tuple(fc.constant('crlf' as const), fc.nat(), fc.nat()),
  );
  return fc.tuple(fc.constantFrom(...texts), fc.array(op, { minLength: 1, maxLength: 6 })).map(([text, ops]) => {
    let t = text;
    for (const o of ops) {
      const at = t.length ? o[1] % (t.length + 1) : 0;
      if (o[0] === 'insert') t = t.slice(0, at) + o[2] + t.slice(at);
      else if (o[0] === 'delete') t = t.slice(0, at) + t.slice(at + o[2]);
      else if (o[0] === 'duplicate') t = t.slice(0, at) + t.slice(at, at + o[2]) + t.slice(at);
      else t = t.replace(/\n/g, '\r\n');
    }
    return t;
  });
}

/** Physical lines as the LSP counts them (\r\n, \r and \n all end a line for the editor; we split on \n). */
function lineLengths(text: string): number[] {
  return text.split('\n').map((l) => l.length);
}

/** Every range lies inside the text: lines exist, characters within the line, start ≤ end. */
export function assertRangesInside(text: string, ranges: Array<Range | undefined>, what: string): void {
  const lengths = lineLengths(text);
  for (const r of ranges) {
    if (!r) continue;
    for (const p of [r.start, r.end]) {
      assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lengths.length, `${what}: line ${p.line} outside 0..${lengths.length - 1} in ${JSON.stringify(r)}`);
      assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= lengths[p.line], `${what}: character ${p.character} outside line ${p.line} (length ${lengths[p.line]}) in ${JSON.stringify(r)}`);
    }
    assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), `${what}: start after end in ${JSON.stringify(r)}`);
  }
}

/** Runs `fn` and fails when it takes longer than `limitMs` (a hang is caught by the test's own timeout). */
export function withinTime<T>(limitMs: number, what: string, fn: () => T): T {
  const t = performance.now();
  const out = fn();
  const elapsed = performance.now() - t;
  assert.ok(elapsed < limitMs, `${what} took ${elapsed.toFixed(0)} ms (limit ${limitMs} ms)`);
  return out;
}
