// Quick fixes keyed by diagnostic code. Each fixer gets the diagnostic (with its data) and the
// file, and returns code actions; one action = one undoable edit.

import { Diagnostic } from '../syntax/diagnostic';
import { SourceFile } from '../workspace/files';
import { CodeAction, replaceRange } from './edits';
import { deprecatedFixes } from './fixes/deprecated';
import { portConflictFixes, publicBindFixes } from './fixes/ports';
import { secretInEnvFixes } from './fixes/secret-in-env';
import { hardeningFixes } from './fixes/hardening';
import type { WorkspaceIndex } from '../workspace/index';
import { crossUserActivatorFixer } from './activator/actions';
import type { AnalysisSettings } from '../rules/types';

export interface FixContext {
  diagnostic: Diagnostic;
  file: SourceFile;
  /** The workspace, for fixes that look beyond the file (the next free port on the host, units in another user's scope). */
  index?: WorkspaceIndex;
  /** Analysis settings (target Podman version, paths written into generated units). */
  settings?: AnalysisSettings;
}

type Fixer = (ctx: FixContext) => CodeAction[];

const FIXERS: Record<string, Fixer> = {
  'unknown-key': renameTo,
  'unknown-section': renameTo,
  deprecated: deprecatedFixes,
  'port-conflict': portConflictFixes,
  'public-bind': publicBindFixes,
  'unresolved-reference': renameTo,
  'generated-name-reference': renameTo,
  'secret-in-env': secretInEnvFixes,
  hardening: hardeningFixes,
  'cross-user-reference': crossUserActivatorFixer,
};

export function registerFixer(code: string, fixer: Fixer): void {
  FIXERS[code] = fixer;
}

function renameTo({ diagnostic, file }: FixContext): CodeAction[] {
  const suggestion = diagnostic.data?.suggestion;
  if (typeof suggestion !== 'string') return [];
  return [{ title: `Change to '${suggestion}'`, kind: 'quickfix', fixes: [diagnostic.code], isPreferred: true, change: replaceRange(file.path, diagnostic.range, suggestion) }];
}

export function quickFixes(file: SourceFile, diagnostics: Diagnostic[], index?: WorkspaceIndex, settings?: AnalysisSettings): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    const fixer = FIXERS[d.code];
    if (fixer) out.push(...fixer({ diagnostic: d, file, index, settings }));
  }
  return out;
}
