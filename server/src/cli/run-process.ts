// Runs the CLI in this process: its exit status becomes the process's.

import { runCli } from './main';
import { processIo } from './io';
import { VERSION } from '../version';

export function runCliProcess(argv: string[]): void {
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
