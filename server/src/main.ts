// Entry of the server bundle (dist/server.js): the language server when started by an LSP client
// (`--stdio`, `--node-ipc`, `--socket=`), the CLI otherwise.

import { runCliProcess } from './cli/run-process';
import { wantsLanguageServer } from './entry-args';

const argv = process.argv.slice(2);
if (wantsLanguageServer(argv)) {
  // Loaded only for the server: the CLI never pays for the LSP libraries (~40 ms of start-up).
  import('./lsp/server').then(
    (lsp) => lsp.startLanguageServer(),
    (e) => {
      process.stderr.write(`quadlet-ls: ${e}\n`);
      process.exitCode = 2;
    },
  );
} else {
  runCliProcess(argv);
}
