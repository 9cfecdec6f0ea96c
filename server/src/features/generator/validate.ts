// One generator run for one scope: stage the scope's files, run
// `QUADLET_UNIT_DIRS=<staged dirs> quadlet -dryrun [-user]`, read stdout and stderr back onto the
// user's files. Rootless scopes (and scopes whose owner is unknown: quadlet-ls is about rootless
// hosts) run with -user; root's scopes without.

import { Diagnostic } from '../../syntax/diagnostic';
import { WorkspaceIndex } from '../../workspace/index';
import { Scope, describeScope } from '../../workspace/scopes';
import { attributeMessages } from './attribute';
import { execGenerator } from './exec';
import { minimalEnv } from './locate';
import { GeneratedUnit, splitDryRun } from './output';
import { scopeFiles } from './scope-files';
import { withStage } from './stage';
import { parseGeneratorStderr } from './stderr';

export const DEFAULT_GENERATOR_TIMEOUT_MS = 15000;

export interface ValidateOptions {
  binary: string;
  timeoutMs?: number;
  /** The file the user asked about (a crash is reported there when the culprit is unclear). */
  focus?: string;
  /** Parent of the staging directory (tests use their own to watch it being removed). */
  stageParent?: string;
}

export interface ValidationRun {
  scope: Scope;
  rootless: boolean;
  /** Files handed to the generator (original paths). */
  files: string[];
  diagnostics: Diagnostic[];
  /** Findings that belong to no file, and run failures (timeout, cannot start). */
  general: string[];
  /** Generated units; SourcePath and other staged paths are rewritten to the original paths. */
  units: GeneratedUnit[];
  exitCode: number | null;
  timedOut: boolean;
  /** The run itself failed (not started, timed out, output too large): its findings are incomplete. */
  failed: boolean;
  durationMs: number;
}

export async function validateScope(index: WorkspaceIndex, scope: Scope, opts: ValidateOptions): Promise<ValidationRun> {
  const started = Date.now();
  const rootless = scope.rootless !== false;
  const files = scopeFiles(index, scope);
  const base = { scope, rootless, files: files.map((f) => f.file.path), exitCode: null, timedOut: false };
  if (files.length === 0) {
    return { ...base, diagnostics: [], general: [`No Quadlet files to validate for ${describeScope(scope)}.`], units: [], failed: false, durationMs: 0 };
  }
  return withStage(files, async (stage) => {
    const timeoutMs = opts.timeoutMs ?? DEFAULT_GENERATOR_TIMEOUT_MS;
    const args = ['-dryrun', ...(rootless ? ['-user'] : [])];
    const r = await execGenerator(opts.binary, args, { env: minimalEnv({ QUADLET_UNIT_DIRS: stage.dirs.join(':') }), timeoutMs });
    const stderr = parseGeneratorStderr(r.stderr);
    const rawUnits = splitDryRun(r.stdout);
    const { diagnostics, general } = attributeMessages({ index, stage, stderr, units: rawUnits, focus: opts.focus });
    if (r.timedOut) general.unshift(`Podman's generator did not finish within ${timeoutMs / 1000} s and was stopped; its findings are incomplete.`);
    else if (r.failure) general.unshift(`Podman's generator could not run (${opts.binary}): ${r.failure}.`);
    else if (r.code !== 0 && !stderr.panic && diagnostics.length === 0 && general.length === 0) {
      general.push(`Podman's generator exited with ${r.code === null ? `signal ${r.signal}` : `code ${r.code}`} without a message quadlet-ls understands.`);
    }
    const units = rawUnits.map((u) => ({
      name: u.name,
      text: stage.restorePaths(u.text),
      ...(u.sourcePath ? { sourcePath: stage.toSource(u.sourcePath) ?? stage.restorePaths(u.sourcePath) } : {}),
    }));
    return { ...base, exitCode: r.code, timedOut: r.timedOut, failed: r.timedOut || !!r.failure, diagnostics, general, units, durationMs: Date.now() - started };
  }, opts.stageParent);
}

/** The generated units that come from a file: its own, or for a drop-in those of the units it changes. */
export function unitsGeneratedFor(run: ValidationRun, index: WorkspaceIndex, path: string): GeneratedUnit[] {
  const file = index.getFile(path);
  const unit = file?.units()[0];
  const sources = new Set<string>([path]);
  if (unit?.identity.kind === 'dropin') for (const u of index.unitsForDropin(unit)) sources.add(u.file.path);
  return run.units.filter((u) => u.sourcePath && sources.has(u.sourcePath));
}
