// Where the CLI writes; tests pass their own.

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  version: string;
}

export const processIo = (version: string): CliIo => ({
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  version,
});
