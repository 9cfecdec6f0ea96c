// Builds an in-memory analysed workspace from { path: text } for rule tests.

import { Analysis } from '../../server/src/features/analysis';
import { AnalysisSettings } from '../../server/src/rules/types';
import { Diagnostic } from '../../server/src/syntax/diagnostic';
import { QuadletConfig } from '../../server/src/workspace/config';
import { WorkspaceIndex } from '../../server/src/workspace/index';

export const ROOT = '/ws';

export function analyse(files: Record<string, string>, settings: Partial<AnalysisSettings> = {}, config: QuadletConfig = {}): Analysis {
  const index = new WorkspaceIndex({ roots: [ROOT], config });
  const analysis = new Analysis(index, settings);
  for (const [path, text] of Object.entries(files)) analysis.setFile(path.startsWith('/') ? path : `${ROOT}/${path}`, { text });
  return analysis;
}

/** Diagnostics of one file of a workspace. */
export function diagnose(files: Record<string, string>, file: string, settings: Partial<AnalysisSettings> = {}, config: QuadletConfig = {}): Diagnostic[] {
  return analyse(files, settings, config).diagnostics(file.startsWith('/') ? file : `${ROOT}/${file}`);
}

/** Diagnostics of a single file named `name`. */
export function check(name: string, text: string, settings: Partial<AnalysisSettings> = {}): Diagnostic[] {
  return diagnose({ [name]: text }, name, settings);
}
