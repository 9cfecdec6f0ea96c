// `invalid-value`: a value outside its key's grammar. A thin dispatcher: the grammars live in
// catalog/values. Severity: error when the generator or podman refuses the value (the unit is not
// generated, or fails when it starts); warning when it is accepted but silently means something
// else (a garbage boolean is false, a word without "=" is dropped, systemd ignores the line); hint
// for the generator's short-image-name note. Problems that only a newer Podman fixes are reported
// by the `version` rule (through reportValueVersions).

import { isQuadletType } from '../catalog/filetypes';
import { checkValueIn, valueContextKey, ValueProblem } from '../catalog/values/index';
import { Entry, Range, UnitDocument, valuePieceRange } from '../syntax/model';
import { ParsedUnit } from '../workspace/files';
import { DocumentRule, RuleContext } from './types';
import { checkable, keyInfos } from './util';

export const messages = {
  /** Each message is written by its grammar in catalog/values (which says why it is bad). */
  value: (detail: string) => detail.charAt(0).toUpperCase() + detail.slice(1),
  shadowed: ' (A later line sets this key again, so this value is not used.)',
};

/** Which checks are errors and which warnings (docs/rules.md repeats this table). */
export const SEVERITIES: Record<string, 'error' | 'warning' | 'hint'> = {
  'refused by the generator (Pod= not .pod, ExposeHostPort, SetWorkingDirectory, RemapUsers, [Service] Type/KillMode in .container/.kube, Mount without source)': 'error',
  'refused by podman when the unit starts (ports, addresses, sizes, durations, signals, capabilities, volumes, mounts, names, enums such as Pull=)': 'error',
  'unknown systemd specifier (%x)': 'error',
  'quotes around a value the generator passes on verbatim (PublishPort, Volume, Network, …)': 'error',
  'silently reinterpreted (garbage boolean = false, number = 0, word without "=" dropped, unquoted blank, bad escape drops the line)': 'warning',
  'systemd ignores the setting (systemd grammars in .socket/.service/.timer and [Unit]/[Service]/[Install])': 'warning',
  'accepted but ineffective (Notify=, AutoUpdate=, a build\'s Pull=, Type= in a .pod)': 'warning',
  'short image name (the generator warns)': 'hint',
};

export interface ValueFinding {
  entry: Entry;
  problem: ValueProblem;
  range: Range;
  /** A later assignment of this single-valued key in the same file overrides this one. */
  shadowed: boolean;
}

/**
 * The last answer: the two rules that read value problems run one after the other on the same
 * document, so one entry is enough (a table per document kept every document's list alive).
 */
let last: { doc: UnitDocument; version: string; findings: ValueFinding[] } | undefined;
const NO_FINDINGS: ValueFinding[] = Object.freeze([]) as unknown as ValueFinding[];

/** Value problems of a unit, computed once per document and target version for both rules (shared: do not mutate). */
export function valueFindings(unit: ParsedUnit, version: string): ValueFinding[] {
  if (!checkable(unit)) return NO_FINDINGS;
  if (last && last.doc === unit.doc && last.version === version) return last.findings;
  const inQuadlet = isQuadletType(unit.type);
  const out: ValueFinding[] = [];
  let section: string | undefined;
  let context = '';
  const infos = keyInfos(unit);
  for (let i = 0; i < infos.length; i++) {
    const entry = unit.doc.entries[i];
    if (entry.templated) continue;
    const info = infos[i];
    if (!info) continue;
    if (entry.section.name !== section) {
      section = entry.section.name;
      context = valueContextKey(version, unit.type, section, inQuadlet);
    }
    const problems = checkValueIn(info, entry.value, version, unit.type, section, inQuadlet, context);
    if (problems.length === 0) continue;
    const shadowed = !info.repeatable && lastOf(unit.doc, entry) !== entry;
    for (const problem of problems) {
      const range = problem.start === problem.end && entry.value === '' ? entry.keyRange : valuePieceRange(entry, problem.start, problem.end);
      out.push({ entry, problem, range, shadowed });
    }
  }
  const findings = out.length ? out : NO_FINDINGS;
  last = { doc: unit.doc, version, findings };
  return findings;
}

/** The last assignment of the entry's key in its section name, in this document (few entries have problems: no table). */
function lastOf(doc: UnitDocument, entry: Entry): Entry {
  let last = entry;
  for (const e of doc.entries) if (e.key === entry.key && e.section.name === entry.section.name) last = e;
  return last;
}

function report(unit: ParsedUnit, ctx: RuleContext, f: ValueFinding): void {
  const { problem } = f;
  // An overridden value is never read, so it cannot make anything fail.
  const severity = f.shadowed && problem.severity === 'error' ? 'warning' : problem.severity;
  const message = messages.value(problem.message) + (f.shadowed ? messages.shadowed : '');
  ctx.report({ unit, range: f.range, message, severity, ...(problem.since ? { data: { since: problem.since, value: true } } : {}) });
}

export const invalidValueRule: DocumentRule = {
  code: 'invalid-value',
  kind: 'document',
  severity: 'error',
  summary: "A value outside its key's grammar (error when the generator or podman refuses it, warning when it silently means something else).",
  check(unit, ctx) {
    for (const f of valueFindings(unit, ctx.settings.podmanVersion)) if (!f.problem.since) report(unit, ctx, f);
  },
};

/** Reported by the `version` rule: values that only a newer Podman understands. */
export function reportValueVersions(unit: ParsedUnit, ctx: RuleContext): void {
  for (const f of valueFindings(unit, ctx.settings.podmanVersion)) if (f.problem.since) report(unit, ctx, f);
}
