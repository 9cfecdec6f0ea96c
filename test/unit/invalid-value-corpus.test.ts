// Runs the value grammars (invalid-value and the value part of version) over Podman's own quadlet
// fixtures and holds them against the real generators' verdicts in MANIFEST.tsv: a fixture the
// generator accepts may get a value error only where Podman refuses the value when the unit starts
// (the list in invalid-value-corpus.ts). Prints the figures; skips when ../shared is absent.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SourceFile } from '../../server/src/workspace/files';
import { runDocumentRules } from '../../server/src/rules/engine';
import { invalidValueRule } from '../../server/src/rules/invalid-value';
import { versionRule } from '../../server/src/rules/version';
import { DEFAULT_SETTINGS } from '../../server/src/features/analysis';
import { Diagnostic } from '../../server/src/syntax/diagnostic';
import { VALUE_ERRORS_PODMAN_REFUSES } from './invalid-value-corpus';

const CORPUS = resolve(process.cwd(), '../shared/corpus/podman-e2e');
const present = existsSync(join(CORPUS, 'MANIFEST.tsv'));

interface Row {
  file: string;
  verdict: Record<'5.4' | '5.8', string>;
}

function manifest(): Row[] {
  const [header, ...rows] = readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8').trim().split('\n').map((l) => l.split('\t'));
  const col = (name: string) => header.indexOf(name);
  return rows.map((r) => ({ file: r[0], verdict: { '5.4': r[col('quadlet_5_4_2')], '5.8': r[col('quadlet_5_8_6')] } }));
}

/** The fixture and its `NAME.d/*.conf` drop-ins, each as a document. */
function documentsOf(file: string): string[] {
  const dropins = join(CORPUS, `${file}.d`);
  const confs = existsSync(dropins) ? readdirSync(dropins).filter((n) => n.endsWith('.conf')).map((n) => `${file}.d/${n}`) : [];
  return [file, ...confs].filter((f) => existsSync(join(CORPUS, f)));
}

/** Findings of the value grammars: invalid-value, and version findings that carry a value's `since`. */
function valueDiagnostics(relPath: string, version: string): Diagnostic[] {
  const source = new SourceFile(join(CORPUS, relPath), readFileSync(join(CORPUS, relPath), 'utf8'), 1, { scope: 'unknown' } as never);
  const all = source.units().flatMap((u) => runDocumentRules(u, { ...DEFAULT_SETTINGS, podmanVersion: version }, {} as never, [invalidValueRule, versionRule]));
  return all.filter((d) => d.code === 'invalid-value' || d.data?.value === true);
}

describe('invalid-value over the podman-e2e corpus', { skip: present ? false : `skipped: corpus not found at ${CORPUS}` }, () => {
  for (const version of ['5.8', '5.4'] as const) {
    it(`gives accepted fixtures errors only where podman refuses the value (target ${version})`, (t) => {
      const rows = manifest();
      const accepted = rows.filter((r) => r.verdict[version] === 'ok');
      const rejected = rows.filter((r) => r.verdict[version] === 'fail' || r.verdict[version] === 'crash');
      const errorsOnAccepted: string[] = [];
      let warnings = 0;
      let hints = 0;
      for (const row of accepted) {
        for (const doc of documentsOf(row.file)) {
          for (const d of valueDiagnostics(doc, version)) {
            if (d.severity === 'error') errorsOnAccepted.push(`${doc}:${d.range.start.line + 1}:${d.code}`);
            else if (d.severity === 'warning') warnings++;
            else hints++;
          }
        }
      }
      const rejectedWithError = rejected.filter((r) => documentsOf(r.file).some((doc) => valueDiagnostics(doc, version).some((d) => d.severity === 'error')));
      const expected = VALUE_ERRORS_PODMAN_REFUSES.filter((e) => e.versions.includes(version)).map((e) => `${e.file}:${e.line}:${e.code}`);
      t.diagnostic(`target ${version}: ${rows.length} fixtures; ${accepted.length} accepted by the generator, of which ${new Set(errorsOnAccepted.map((e) => e.split(':')[0])).size} get value errors (${errorsOnAccepted.length} errors, all listed as podman refusals); ${warnings} warnings and ${hints} hints on accepted fixtures; ${rejectedWithError.length} of ${rejected.length} rejected fixtures get a value error`);
      assert.deepEqual([...errorsOnAccepted].sort(), [...expected].sort());
    });
  }
});
