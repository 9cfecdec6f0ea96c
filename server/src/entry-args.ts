// Which process the command line asks for: the language server (an LSP client's transport flags)
// or the CLI. Shared by the two bundle entries (main.ts, cli-main.ts).

export function wantsLanguageServer(argv: string[]): boolean {
  return argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--clientProcessId'));
}
