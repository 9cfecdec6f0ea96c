#!/usr/bin/env node
// Print the TextMate scopes of each token of a file (or stdin) with the extension's grammar: a helper for writing
// and debugging the grammar tests. Usage: node test/grammar/tokenize.mjs [FILE] [--grammar PATH]
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const req = createRequire(path.join(HERE, '..', 'editor-tooling', 'package.json'));
const tm = req('vscode-textmate');
const onig = req('vscode-oniguruma');

const args = process.argv.slice(2);
const gi = args.indexOf('--grammar');
const grammarPath = gi >= 0 ? args.splice(gi, 2)[1] : path.join(HERE, '..', '..', 'syntaxes', 'quadlet.tmLanguage.json');
const text = args[0] ? fs.readFileSync(args[0], 'utf8') : fs.readFileSync(0, 'utf8');

await onig.loadWASM(fs.readFileSync(req.resolve('vscode-oniguruma/release/onig.wasm')).buffer);
const registry = new tm.Registry({
  onigLib: Promise.resolve({ createOnigScanner: (p) => new onig.OnigScanner(p), createOnigString: (s) => new onig.OnigString(s) }),
  loadGrammar: async () => tm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath),
});
const grammar = await registry.loadGrammar('source.quadlet');
let stack = tm.INITIAL;
for (const [n, line] of text.split(/\r?\n/).entries()) {
  const r = grammar.tokenizeLine(line, stack);
  stack = r.ruleStack;
  console.log(`${String(n).padStart(3)} ${JSON.stringify(line)}`);
  for (const t of r.tokens) {
    console.log(`      ${String(t.startIndex).padStart(3)}-${String(t.endIndex).padEnd(3)} ${JSON.stringify(line.slice(t.startIndex, t.endIndex)).padEnd(24)} ${t.scopes.slice(1).join(' ')}`);
  }
}
