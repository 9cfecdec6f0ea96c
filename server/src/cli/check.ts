// `quadlet-ls check [--format text|json|sarif] [--podman-version X.Y] [--config FILE] PATH...`

import { formatJson, formatSarif, formatSummary, formatText } from './format';
import { ParsedArgs, UsageError, option } from './args';
import { loadWorkspace } from './load';
import { CliIo } from './io';

export const CHECK_USAGE = 'quadlet-ls check [--format text|json|sarif] [--podman-version X.Y] [--config FILE] PATH...';

export async function runCheck(args: ParsedArgs, io: CliIo): Promise<number> {
  const format = option(args, 'format') ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown format "${format}" (text, json or sarif)`);
  const ws = await loadWorkspace(args.positionals, { configPath: option(args, 'config'), podmanVersion: option(args, 'podman-version') });
  for (const e of ws.errors) io.err(`quadlet-ls: ${e}\n`);
  for (const w of ws.warnings) io.err(`quadlet-ls: warning: ${w}\n`);
  const list = ws.analysis.allDiagnostics();
  if (format === 'json') io.out(formatJson(list));
  else if (format === 'sarif') io.out(formatSarif(list, io.version));
  else {
    // stdout carries only finding lines (for editors' error formats); the tally goes to stderr.
    io.out(formatText(list));
    io.err(formatSummary(list));
  }
  if (ws.errors.length) return 2;
  return list.some((d) => d.severity === 'error') ? 1 : 0;
}
