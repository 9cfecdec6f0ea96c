// `quadlet-ls ports [--format markdown|json|text] [--config FILE] [--podman-version X.Y] PATH...`:
// the port registry of every host under PATH, one row per listener, sorted by host and port.
// Exit status 0 (the registry is a report; `check` is the gate), 2 on usage or I/O problems.

import { RegistryFormat, formatRegistry, portRows } from '../features/ports-registry';
import { ParsedArgs, UsageError, option } from './args';
import { displayPath } from './format';
import { CliIo } from './io';
import { loadWorkspace } from './load';

export const PORTS_USAGE = 'quadlet-ls ports [--format markdown|json|text] [--config FILE] PATH...';

const FORMATS: RegistryFormat[] = ['markdown', 'json', 'text'];

export async function runPorts(args: ParsedArgs, io: CliIo): Promise<number> {
  const format = (option(args, 'format') ?? 'text') as RegistryFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${format}" (markdown, json or text)`);
  const ws = await loadWorkspace(args.positionals, { configPath: option(args, 'config'), podmanVersion: option(args, 'podman-version') });
  for (const e of ws.errors) io.err(`quadlet-ls: ${e}\n`);
  io.out(formatRegistry(portRows(ws.analysis.index, ws.analysis.settings, (f) => displayPath(f)), format));
  return ws.errors.length ? 2 : 0;
}
