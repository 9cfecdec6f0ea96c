// The rule interface. A rule is one module with a stable kebab-case code, a default severity, a
// message table and a check function. Document rules see one parsed file (or `.quadlets` part);
// unit rules see the effective unit (file + drop-ins) and may query the workspace.

import { Diagnostic, RelatedInformation, Severity } from '../syntax/diagnostic';
import { Range } from '../syntax/model';
import { ParsedUnit } from '../workspace/files';
import { WorkspaceQueries } from '../workspace/queries';
import { UnitView } from '../workspace/unit-view';

export interface AnalysisSettings {
  /** Target Podman version, "major.minor". */
  podmanVersion: string;
  /** Per-code severity overrides; 'off' silences a code. */
  severity: Record<string, Severity | 'off'>;
  trustedAddresses: string[];
  unprivilegedPortStart: number;
  hardening: 'off' | 'recommend';
  socketProxydPath?: string;
}

export interface Finding {
  /** The unit whose file gets the diagnostic (an entry's own file for drop-ins). */
  unit: ParsedUnit;
  range: Range;
  message: string;
  severity?: Severity;
  related?: RelatedInformation[];
  data?: Record<string, unknown>;
}

export interface RuleContext {
  settings: AnalysisSettings;
  workspace: WorkspaceQueries;
  report(finding: Finding): void;
}

interface RuleBase {
  code: string;
  /** Default severity; a finding may carry its own (e.g. error in quadlet sections, warning elsewhere). */
  severity: Severity;
  /** One line for docs and hover. */
  summary: string;
}

export interface DocumentRule extends RuleBase {
  kind: 'document';
  check(unit: ParsedUnit, ctx: RuleContext): void;
}

export interface UnitRule extends RuleBase {
  kind: 'unit';
  check(view: UnitView, ctx: RuleContext): void;
}

export type Rule = DocumentRule | UnitRule;

export type { Diagnostic };
