// Entry of the CLI bundle (dist/cli.js, what bin/quadlet-ls runs): the commands without the
// language server's code, which is a third of dist/server.js and cost ~15 ms to load on every
// check. Asked for the language server, it hands over to dist/server.js next to it.

import { join } from 'node:path';
import { runCliProcess } from './cli/run-process';
import { wantsLanguageServer } from './entry-args';

const argv = process.argv.slice(2);
// eslint-disable-next-line @typescript-eslint/no-require-imports
if (wantsLanguageServer(argv)) require(join(__dirname, 'server.js'));
else runCliProcess(argv);
