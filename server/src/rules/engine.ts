// Runs rules and turns their findings into diagnostics: applies severity overrides and in-file
// suppressions, and isolates rule crashes (one broken rule never hides the others' results).

import { Diagnostic } from '../syntax/diagnostic';
import { isSuppressed } from '../syntax/suppressions';
import { ParsedUnit } from '../workspace/files';
import { WorkspaceQueries } from '../workspace/queries';
import { UnitView } from '../workspace/unit-view';
import { ALL_RULES } from './registry';
import { AnalysisSettings, DocumentRule, Finding, Rule, RuleContext, UnitRule } from './types';

export interface RuleCrash {
  code: string;
  file: string;
  error: unknown;
}

const reportedCrashes = new Set<string>();
let crashLogger: (c: RuleCrash) => void = (c) => console.error(`quadlet-ls: rule ${c.code} failed on ${c.file}: ${(c.error as Error)?.stack ?? c.error}`);

/** Where crash reports go (the LSP adapter sends them to the client's log). Logged once per rule. */
export function setRuleCrashLogger(fn: (c: RuleCrash) => void): void {
  crashLogger = fn;
}

function toDiagnostic(rule: Rule, f: Finding, settings: AnalysisSettings): Diagnostic | undefined {
  const override = settings.severity[rule.code];
  if (override === 'off') return undefined;
  const line = f.range.start.line;
  if (isSuppressed(f.unit.doc.suppressions, rule.code, line)) return undefined;
  return {
    file: f.unit.file.path,
    range: f.range,
    severity: override ?? f.severity ?? rule.severity,
    code: rule.code,
    message: f.message,
    source: 'quadlet-ls',
    ...(f.related?.length ? { related: f.related } : {}),
    ...(f.data ? { data: f.data } : {}),
  };
}

/**
 * Runs rules of one kind on one target. One context for all of them (the report callback reads the
 * rule that is running): a context and a closure per rule and unit were a cold check's garbage.
 */
function runAll(kind: Rule['kind'], rules: Rule[], file: string, settings: AnalysisSettings, queries: WorkspaceQueries, check: (rule: Rule, ctx: RuleContext) => void): Diagnostic[] {
  const out: Diagnostic[] = [];
  let current: Rule = rules[0];
  const ctx: RuleContext = {
    settings,
    workspace: queries,
    report: (f) => {
      const d = toDiagnostic(current, f, settings);
      if (d) out.push(d);
    },
  };
  for (const rule of rules) {
    if (rule.kind !== kind) continue;
    current = rule;
    try {
      check(rule, ctx);
    } catch (error) {
      if (!reportedCrashes.has(rule.code)) {
        reportedCrashes.add(rule.code);
        crashLogger({ code: rule.code, file, error });
      }
    }
  }
  return out;
}

export function runDocumentRules(unit: ParsedUnit, settings: AnalysisSettings, queries: WorkspaceQueries, rules: Rule[] = ALL_RULES): Diagnostic[] {
  return runAll('document', rules, unit.file.path, settings, queries, (rule, ctx) => (rule as DocumentRule).check(unit, ctx));
}

export function runUnitRules(view: UnitView, settings: AnalysisSettings, queries: WorkspaceQueries, rules: Rule[] = ALL_RULES): Diagnostic[] {
  return runAll('unit', rules, view.path, settings, queries, (rule, ctx) => (rule as UnitRule).check(view, ctx));
}
