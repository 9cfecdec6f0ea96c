// The command-line adapter: `quadlet-ls check|ports|activate …` and `quadlet-ls --stdio` (the
// language server, for any LSP client).

import { CHECK_USAGE, runCheck } from './check';
import { PORTS_USAGE, runPorts } from './ports';
import { ACTIVATE_USAGE, runActivate } from './activate';
import { CliIo } from './io';
import { UsageError, parseArgs } from './args';

export const USAGE = `Usage:
  ${CHECK_USAGE}
  ${PORTS_USAGE}
  ${ACTIVATE_USAGE}
  quadlet-ls --stdio                 run the language server over stdin/stdout
  quadlet-ls --version | --help
Exit status: 0 no error found, 1 at least one error, 2 usage or I/O failure.
`;

interface Command {
  valueFlags: string[];
  booleanFlags: string[];
  run(args: ReturnType<typeof parseArgs>, io: CliIo): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  check: { valueFlags: ['format', 'podman-version', 'config', 'generator'], booleanFlags: [], run: runCheck },
  ports: { valueFlags: ['format', 'podman-version', 'config'], booleanFlags: [], run: runPorts },
  activate: { valueFlags: ['listen', 'strategy', 'idle-timeout', 'config', 'podman-version'], booleanFlags: ['write'], run: runActivate },
};

export function registerCommand(name: string, command: Command): void {
  COMMANDS[name] = command;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.out(`${io.version}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`quadlet-ls: unknown command "${name}"\n${USAGE}`);
    return 2;
  }
  try {
    return await command.run(parseArgs(rest, command.valueFlags, command.booleanFlags), io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`quadlet-ls ${name}: ${e.message}\n${USAGE}`);
      return 2;
    }
    io.err(`quadlet-ls ${name}: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
}
