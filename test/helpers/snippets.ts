// Expands LSP/VS Code snippet syntax the way an editor does when the user accepts every default:
// `${1:default}` → default, `${1|a,b|}` → a, `$1`/`$0`/`${1}` → nothing.

export function expandSnippet(body: string): string {
  let out = body;
  for (;;) {
    const next = out
      .replace(/\$\{\d+:([^{}$]*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|}]*)(?:,[^|}]*)*\|\}/g, '$1')
      .replace(/\$\{\d+\}|\$\d+/g, '');
    if (next === out) return out.replace(/\\([$}\\])/g, '$1');
    out = next;
  }
}
