// `quadlet-ls check --generator PATH`: runs Podman's generator once per scope of the checked
// files (rootless scopes with -user) and returns its findings. The user names the binary on the
// command line, so running it is their decision; it still runs without a shell and with a timeout.

import { resolve } from 'node:path';
import { Diagnostic, compareDiagnostics } from '../syntax/diagnostic';
import { WorkspaceIndex } from '../workspace/index';
import { describeScope } from '../workspace/scopes';
import { generatorVersion, locateGenerator } from '../features/generator/locate';
import { scopesOf } from '../features/generator/scope-files';
import { validateScope } from '../features/generator/validate';
import { UsageError } from './args';

export interface GeneratorCheck {
  diagnostics: Diagnostic[];
  /** Messages for stderr (findings without a file, failed runs). */
  notes: string[];
  /** A run did not complete (timeout, could not start): the findings are incomplete. */
  failed: boolean;
}

/** Checks the binary and asks its version (used as the target version when none is set). */
export async function prepareGenerator(path: string): Promise<{ binary: string; version?: string }> {
  const located = await locateGenerator({ configured: resolve(path) });
  if (!located.found) throw new UsageError(`--generator ${path}: not an executable file`);
  return { binary: located.found.path, version: await generatorVersion(located.found.path) };
}

export async function runGeneratorChecks(index: WorkspaceIndex, binary: string, timeoutMs?: number): Promise<GeneratorCheck> {
  const byKey = new Map<string, Diagnostic>();
  const notes: string[] = [];
  let failed = false;
  for (const scope of scopesOf(index)) {
    const run = await validateScope(index, scope, { binary, timeoutMs });
    failed ||= run.failed;
    for (const g of run.general) notes.push(`podman (${describeScope(scope)}): ${g}`);
    // Files of /etc/containers/systemd/users/ belong to several scopes: report each finding once.
    for (const d of run.diagnostics) byKey.set(`${d.file}|${d.range.start.line}:${d.range.start.character}|${d.message}`, d);
  }
  return { diagnostics: [...byKey.values()].sort(compareDiagnostics), notes, failed };
}
