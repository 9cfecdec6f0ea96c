// Protocol test of the built language server over stdio: diagnostics with exact range and code,
// the did-you-mean quick fix applied through didChange, per-document scheduling, clean shutdown.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TempTree, tempTree } from '../helpers/cli';
import { LspClient, LspDiagnostic } from '../helpers/lsp';

interface TextEdit {
  range: LspDiagnostic['range'];
  newText: string;
}

/** Applies non-overlapping edits to a text (positions in UTF-16 units, lines split on \n). */
function applyEdits(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (p: { line: number; character: number }) => starts[p.line] + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start)).reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

const hasCode = (code: string) => (list: LspDiagnostic[]) => list.some((d) => d.code === code);
const CLEAN = '[Container]\nImage=docker.io/library/nginx:1.27\n';

describe('language server over stdio', () => {
  let tree: TempTree;
  let client: LspClient;

  before(async () => {
    tree = tempTree({ 'web.container': CLEAN, 'a.container': CLEAN, 'b.container': CLEAN });
    client = new LspClient();
    const init = await client.initialize(tree.dir);
    assert.ok(init.capabilities.codeActionProvider, 'code actions are offered');
  });

  after(async () => {
    const code = await client.close();
    tree.cleanup();
    assert.equal(code, 0, `server exit code; stderr: ${client.stderr.join('')}`);
  });

  it('publishes an unknown-key diagnostic with its exact range, offers the did-you-mean fix, and clears it once applied', async () => {
    const uri = LspClient.uri(tree.path('web.container'));
    const text = '[Container]\nImage=docker.io/library/nginx:1.27\nImgae=x\n';
    await client.open(uri, text);
    const diags = await client.diagnostics(uri, hasCode('unknown-key'), 5000, 'the unknown-key diagnostic');
    const d = diags.find((x) => x.code === 'unknown-key')!;
    assert.deepEqual(d.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } });
    assert.equal(d.severity, 1);
    assert.match(d.message, /Did you mean "Image"\?/);

    const actions = await client.connection.sendRequest<Array<{ title: string; kind?: string; edit?: { changes?: Record<string, TextEdit[]> } }>>('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    });
    const fix = actions.find((a) => a.edit?.changes?.[uri]);
    assert.ok(fix, `a quick fix with an edit, got ${JSON.stringify(actions)}`);
    assert.equal(fix.kind, 'quickfix');
    assert.deepEqual(fix.edit!.changes![uri], [{ range: d.range, newText: 'Image' }]);

    const fixed = applyEdits(text, fix.edit!.changes![uri]);
    assert.equal(fixed, '[Container]\nImage=docker.io/library/nginx:1.27\nImage=x\n');
    await client.change(uri, fixed, 2);
    const after = await client.diagnostics(uri, (l) => !hasCode('unknown-key')(l), 5000, 'the fixed document');
    assert.deepEqual(after.filter((x) => x.severity === 1), []);
  });

  it("editing file B continuously never delays or cancels file A's diagnostics", async () => {
    const a = LspClient.uri(tree.path('a.container'));
    const b = LspClient.uri(tree.path('b.container'));
    await client.open(a, CLEAN);
    await client.open(b, CLEAN);
    let bVersion = 1;
    let bEdits = 0;
    let typingStarted!: () => void;
    const started = new Promise<void>((resolve) => (typingStarted = resolve));
    // Keep B changing every 10 ms (faster than anyone types) from before A's change until A is published.
    const typing = setInterval(() => {
      bVersion++;
      bEdits++;
      void client.change(b, `${CLEAN}Environment=N=${bVersion}\n`, bVersion);
      if (bEdits === 3) typingStarted();
    }, 10);
    try {
      await started;
      await client.change(a, `${CLEAN}Imgae=x\n`, 2);
      const diags = await client.diagnostics(a, hasCode('unknown-key'), 3000, "A's diagnostics while B is being edited");
      assert.deepEqual(diags.find((x) => x.code === 'unknown-key')!.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } });
      assert.ok(bEdits >= 3, 'B was being edited when A changed');
    } finally {
      clearInterval(typing);
    }
    // B's own lint runs once its edits stop.
    bVersion++;
    await client.change(b, `${CLEAN}Bogus=1\n`, bVersion);
    await client.diagnostics(b, hasCode('unknown-key'), 3000, "B's diagnostics after its last edit");
  });
});
