// Entry of the server bundle (dist/server.js): the language server when started by an LSP client
// (`--stdio`, `--node-ipc`, `--socket=`), the CLI otherwise.

import { runCli } from './cli/main';
import { processIo } from './cli/io';
import { VERSION } from './version';

const argv = process.argv.slice(2);
if (argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--clientProcessId'))) {
  // Loaded only for the server: the CLI never pays for the LSP libraries (~40 ms of start-up).
  import('./lsp/server').then(
    (lsp) => lsp.startLanguageServer(),
    (e) => {
      process.stderr.write(`quadlet-ls: ${e}\n`);
      process.exitCode = 2;
    },
  );
} else {
  runCli(argv, processIo(VERSION)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`quadlet-ls: ${e}\n`);
      process.exitCode = 2;
    },
  );
}
