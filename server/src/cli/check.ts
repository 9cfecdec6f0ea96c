// `quadlet-ls check [--format text|json|sarif] [--podman-version X.Y] [--config FILE] [--generator PATH] PATH...`

import { formatJson, formatSarif, formatSummary, formatText } from './format';
import { ParsedArgs, UsageError, option } from './args';
import { loadWorkspace } from './load';
import { CliIo } from './io';
import { prepareGenerator, runGeneratorChecks } from './generator';
import { compareDiagnostics } from '../syntax/diagnostic';

export const CHECK_USAGE = 'quadlet-ls check [--format text|json|sarif] [--podman-version X.Y] [--config FILE] [--generator PATH] PATH...';

export async function runCheck(args: ParsedArgs, io: CliIo): Promise<number> {
  const format = option(args, 'format') ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown format "${format}" (text, json or sarif)`);
  const generatorPath = option(args, 'generator');
  const generator = generatorPath ? await prepareGenerator(generatorPath) : undefined;
  const ws = await loadWorkspace(args.positionals, { configPath: option(args, 'config'), podmanVersion: option(args, 'podman-version'), detectedVersion: generator?.version });
  for (const e of ws.errors) io.err(`quadlet-ls: ${e}\n`);
  for (const w of ws.warnings) io.err(`quadlet-ls: warning: ${w}
`);
  let list = ws.analysis.batchDiagnostics();
  let generatorFailed = false;
  if (generator) {
    const found = await runGeneratorChecks(ws.analysis.index, generator.binary);
    for (const n of found.notes) io.err(`quadlet-ls: ${n}
`);
    list = [...list, ...found.diagnostics].sort(compareDiagnostics);
    generatorFailed = found.failed;
  }
  if (format === 'json') io.out(formatJson(list));
  else if (format === 'sarif') io.out(formatSarif(list, io.version));
  else {
    // stdout carries only finding lines (for editors' error formats); the tally goes to stderr.
    io.out(formatText(list));
    io.err(formatSummary(list));
  }
  if (ws.errors.length || generatorFailed) return 2;
  return list.some((d) => d.severity === 'error') ? 1 : 0;
}
