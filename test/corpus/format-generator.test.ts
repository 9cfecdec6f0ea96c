// Generator equivalence: formatting a corpus fixture (with its drop-ins and companions) never
// changes what Podman's real generator produces, in 5.4 and 5.8. Checked on each fixture as it
// is, and on a deliberately untidy copy (indentation, `Key = value`, trailing blanks, extra blank
// lines) that must itself generate the same units, so that the formatter has real work to do.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { formatText } from '../../server/src/features/format';
import { parseUnit } from '../../server/src/syntax/parser';
import { readManifest, stageFixture } from '../conformance/corpus';
import { requireCorpus, requireOracles } from '../helpers/oracle';
import { normaliseRun, runGenerator } from '../helpers/generator-run';
import { filesUnder } from '../helpers/files';

/** Untidy but equivalent for Podman: indented headers and keys, ` = `, trailing blanks, blank lines. */
function untidy(_path: string, text: string): string {
  const doc = parseUnit(text);
  const lines = text.split('\n');
  const extraBefore = new Set<number>();
  for (const s of doc.sections) if (s.headerRange.start.line === s.line && s.line > 0) extraBefore.add(s.line);
  for (const s of doc.sections) if (s.headerRange.end.line === s.line) lines[s.line] = `  ${lines[s.line].trim()}  `;
  for (const e of doc.entries) {
    if (e.line !== e.endLine || e.keyRange.start.line !== e.line || e.eqRange.start.line !== e.line) continue;
    const raw = lines[e.line];
    lines[e.line] = `\t${e.key} =  ${raw.slice(e.eqRange.end.character).trimStart()}${raw.endsWith('\\') ? '' : '   '}`;
    if (e.line + 1 < lines.length && !raw.trimEnd().endsWith('\\')) extraBefore.add(e.line + 1);
  }
  const out: string[] = [];
  lines.forEach((l, n) => {
    if (extraBefore.has(n) && n < lines.length - 1) out.push('', '');
    out.push(l);
  });
  return out.join('\n');
}

function write(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

const mapFiles = (files: Record<string, string>, fn: (path: string, text: string) => string) =>
  Object.fromEntries(Object.entries(files).map(([p, t]) => [p, fn(p, t)]));

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

describe('formatting never changes what the real generator produces', () => {
  // Missing corpus or generators: a failing test when CI=true, a skip with the reason otherwise.
  const oracles = requireCorpus() ? requireOracles() : [];
  if (!oracles.length) return;
  const bins = Object.fromEntries(oracles.map((o) => [o.version, o.path]));
  it('on every corpus fixture, tidy and untidy, with Podman 5.4 and 5.8', async (t) => {
    const failures: string[] = [];
    let runs = 0;
    let formattedDiffers = 0;
    await pool(readManifest(), Math.max(4, cpus().length), async (row) => {
      // The fixture with its companions and drop-ins, as the MANIFEST's labelling run had them.
      const stage = stageFixture(row);
      const root = mkdtempSync(join(tmpdir(), 'qls-format-oracle-'));
      try {
        const original = Object.fromEntries(filesUnder(stage.dir).map((rel) => [rel, readFileSync(join(stage.dir, rel), 'utf8')]));
        const messy = mapFiles(original, untidy);
        const variants: Record<string, Record<string, string>> = {
          original,
          formatted: mapFiles(original, formatText),
          untidy: messy,
          'untidy-formatted': mapFiles(messy, formatText),
        };
        const unchanged = JSON.stringify(variants.formatted) === JSON.stringify(original);
        if (!unchanged) formattedDiffers++;
        for (const [name, files] of Object.entries(variants)) write(join(root, name), files);
        for (const [version, bin] of Object.entries(bins) as Array<[string, string]>) {
          const result: Record<string, string> = {};
          for (const name of Object.keys(variants)) {
            const dir = join(root, name);
            // A variant identical to the original needs no run of its own.
            if (name === 'formatted' && unchanged) result[name] = result.original;
            else {
              result[name] = normaliseRun(await runGenerator(bin, dir), dir);
              runs++;
            }
          }
          for (const name of ['formatted', 'untidy', 'untidy-formatted']) {
            if (result[name] !== result.original) failures.push(`${row.file} (${version}, ${name}):\n--- original\n${result.original}\n--- ${name}\n${result[name]}`);
          }
        }
      } finally {
        rmSync(root, { recursive: true, force: true });
        stage.cleanup();
      }
    });
    t.diagnostic(`${runs} generator runs; formatting changed ${formattedDiffers} fixtures as they are, and every untidy copy`);
    assert.equal(failures.length, 0, failures.slice(0, 3).join('\n\n'));
  });
});
