// Measures quadlet-ls against the generator verdicts of MANIFEST.tsv for one target version, and
// renders the figures and every miss as text.

import { basename, dirname } from 'node:path';
import { ALL_RULES, EXTRA_CODES } from '../../server/src/rules/registry';
import { Diagnostic } from '../../server/src/syntax/diagnostic';
import { dropinDirNames } from '../../server/src/workspace/dropins';
import { Attribution, attribute } from './attribution';
import { ManifestRow, analyseDir, stageFixture } from './corpus';
import { RUNTIME_REFUSALS } from './runtime-refusals';

export type Target = '5.4' | '5.8';
export const GENERATOR: Record<Target, string> = { '5.4': '5.4.2', '5.8': '5.8.6' };

export interface Miss {
  fixture: string;
  kind: 'accepted-with-errors' | 'rejected-unflagged';
  detail: string;
  attribution?: Attribution;
  /** The rule that should catch it is not registered on this branch. */
  pending: boolean;
}

export interface Measurement {
  target: Target;
  accepted: number;
  acceptedClean: number;
  rejected: number;
  rejectedFlagged: number;
  misses: Miss[];
  /** Refused fixtures flagged, but not by the rule the generator's message points to. */
  otherRule: string[];
  /** Runtime refusals (see runtime-refusals.ts) that matched an invalid-value error. */
  runtimeRefusalsSeen: string[];
}

const PRESENT_CODES = new Set([...ALL_RULES.map((r) => r.code), ...Object.keys(EXTRA_CODES)]);

/** Errors that belong to the fixture: in its file or in its drop-in files. */
function fixtureErrors(list: Diagnostic[], path: string): Diagnostic[] {
  const dropinDirs = new Set(dropinDirNames(basename(path)).map((n) => `${n}.d`));
  return list.filter((d) => d.severity === 'error' && (d.file === path || (dropinDirs.has(basename(dirname(d.file))) && d.file.endsWith('.conf'))));
}

function runtimeRefusal(fixture: string, d: Diagnostic, target: Target): string | undefined {
  const r = RUNTIME_REFUSALS.find((x) => x.fixture === fixture && x.line === d.range.start.line + 1 && d.code === (x.code ?? 'invalid-value') && (!x.versions || x.versions.includes(target)));
  return r && `${r.fixture}:${r.line} (${r.reason})`;
}

const show = (d: Diagnostic, stageDir: string) => `${d.file.slice(stageDir.length + 1)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}: ${d.message}`;

export async function measure(rows: ManifestRow[], target: Target): Promise<Measurement> {
  const m: Measurement = { target, accepted: 0, acceptedClean: 0, rejected: 0, rejectedFlagged: 0, misses: [], otherRule: [], runtimeRefusalsSeen: [] };
  for (const row of rows) {
    const stage = stageFixture(row);
    try {
      const errors = fixtureErrors(await analyseDir(stage.dir, target), stage.path);
      const verdict = row.verdict[target];
      if (verdict === 'ok') {
        m.accepted++;
        const unexpected = errors.filter((d) => {
          const r = runtimeRefusal(row.file, d, target);
          if (r) m.runtimeRefusalsSeen.push(r);
          return !r;
        });
        if (unexpected.length === 0) m.acceptedClean++;
        else m.misses.push({ fixture: row.file, kind: 'accepted-with-errors', detail: unexpected.map((d) => show(d, stage.dir)).join('; '), pending: false });
        continue;
      }
      m.rejected++;
      const attribution = attribute(verdict, row.message[target]);
      // An ignored file must be told so by `version`; any other refusal needs an error in the file.
      const own = errors.filter((d) => d.file === stage.path && (verdict !== 'ignored' || d.code === 'version'));
      if (own.length > 0) {
        m.rejectedFlagged++;
        if (attribution && !own.some((d) => attribution.codes.includes(d.code))) {
          m.otherRule.push(`${row.file}: flagged by ${[...new Set(own.map((d) => d.code))].join(', ')}; the generator's message points to ${attribution.codes.join('/')}`);
        }
      } else {
        m.misses.push({
          fixture: row.file,
          kind: 'rejected-unflagged',
          detail: `${verdict}: ${row.message[target] || '(no message)'}`,
          attribution,
          pending: !!attribution && !attribution.codes.some((c) => PRESENT_CODES.has(c)),
        });
      }
    } finally {
      stage.cleanup();
    }
  }
  return m;
}

const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);

export function pendingCodes(m: Measurement): string[] {
  return [...new Set(m.misses.filter((x) => x.pending).flatMap((x) => x.attribution!.codes))];
}

export function report(m: Measurement): string {
  const out = [
    `Conformance vs Podman ${GENERATOR[m.target]} generator (--podman-version ${m.target}):`,
    `  accepted-clean    ${m.acceptedClean}/${m.accepted} (${pct(m.acceptedClean, m.accepted)}; bar 100%)`,
    `  rejected-flagged  ${m.rejectedFlagged}/${m.rejected} (${pct(m.rejectedFlagged, m.rejected)}; bar 98%)`,
  ];
  const pending = m.misses.filter((x) => x.pending).length;
  if (pending) out.push(`  ${pending} of the misses await rules that are not on this branch: ${pendingCodes(m).join(', ')}`);
  for (const x of m.misses) {
    const who = x.kind === 'accepted-with-errors' ? '' : x.attribution ? ` -> should be caught by ${x.attribution.codes.join(' or ')} (${x.attribution.why})${x.pending ? ' [rule not on this branch]' : ' [rule present: a real miss]'}` : ' -> NO RULE KNOWN for this generator message';
    out.push(`  MISS ${x.kind === 'accepted-with-errors' ? 'accepted' : 'rejected'} ${x.fixture}: ${x.detail}${who}`);
  }
  for (const o of m.otherRule) out.push(`  note: ${o}`);
  for (const r of m.runtimeRefusalsSeen) out.push(`  runtime refusal flagged as listed: ${r}`);
  for (const r of RUNTIME_REFUSALS.filter((x) => !x.versions || x.versions.includes(m.target))) {
    const id = `${r.fixture}:${r.line} (${r.reason})`;
    if (!m.runtimeRefusalsSeen.includes(id)) out.push(`  runtime refusal listed but not flagged: ${id}`);
  }
  if (RUNTIME_REFUSALS.length === 0) out.push('  runtime-refusal list: empty on this branch (no invalid-value rule yet; see test/conformance/runtime-refusals.ts)');
  return out.join('\n');
}
