// Protocol test of the built language server over stdio: diagnostics with exact range and code,
// the did-you-mean quick fix applied through didChange, per-document scheduling, clean shutdown.

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { suiteServer } from '../helpers/lsp-suite';
import { LspClient, LspDiagnostic } from '../helpers/lsp';
import { applyTextEdits } from '../../server/src/features/edits';

interface TextEdit {
  range: LspDiagnostic['range'];
  newText: string;
}

const hasCode = (code: string) => (list: LspDiagnostic[]) => list.some((d) => d.code === code);
const CLEAN = '[Container]\nImage=docker.io/library/nginx:1.27\n';

describe('language server over stdio', () => {
  const s = suiteServer({ 'web.container': CLEAN, 'a.container': CLEAN, 'b.container': CLEAN });

  before(async () => {
    assert.ok(s.init.capabilities.codeActionProvider, 'code actions are offered');
  });

  it('publishes an unknown-key diagnostic with its exact range, offers the did-you-mean fix, and clears it once applied', async () => {
    const uri = LspClient.uri(s.tree.path('web.container'));
    const text = '[Container]\nImage=docker.io/library/nginx:1.27\nImgae=x\n';
    await s.client.open(uri, text);
    const diags = await s.client.diagnostics(uri, hasCode('unknown-key'), 5000, 'the unknown-key diagnostic');
    const d = diags.find((x) => x.code === 'unknown-key')!;
    assert.deepEqual(d.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } });
    assert.equal(d.severity, 1);
    assert.match(d.message, /Did you mean "Image"\?/);

    const actions = await s.client.connection.sendRequest<Array<{ title: string; kind?: string; edit?: { changes?: Record<string, TextEdit[]> } }>>('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    });
    const fix = actions.find((a) => a.edit?.changes?.[uri]);
    assert.ok(fix, `a quick fix with an edit, got ${JSON.stringify(actions)}`);
    assert.equal(fix.kind, 'quickfix');
    assert.deepEqual(fix.edit!.changes![uri], [{ range: d.range, newText: 'Image' }]);

    const fixed = applyTextEdits(text, fix.edit!.changes![uri]);
    assert.equal(fixed, '[Container]\nImage=docker.io/library/nginx:1.27\nImage=x\n');
    await s.client.change(uri, fixed, 2);
    const after = await s.client.diagnostics(uri, (l) => !hasCode('unknown-key')(l), 5000, 'the fixed document');
    assert.deepEqual(after.filter((x) => x.severity === 1), []);
  });

  it("editing file B continuously never delays or cancels file A's diagnostics", async () => {
    const a = LspClient.uri(s.tree.path('a.container'));
    const b = LspClient.uri(s.tree.path('b.container'));
    await s.client.open(a, CLEAN);
    await s.client.open(b, CLEAN);
    let bVersion = 1;
    let bEdits = 0;
    let typingStarted!: () => void;
    const started = new Promise<void>((resolve) => (typingStarted = resolve));
    // Keep B changing every 10 ms (faster than anyone types) from before A's change until A is published.
    const typing = setInterval(() => {
      bVersion++;
      bEdits++;
      void s.client.change(b, `${CLEAN}Environment=N=${bVersion}\n`, bVersion);
      if (bEdits === 3) typingStarted();
    }, 10);
    try {
      await started;
      await s.client.change(a, `${CLEAN}Imgae=x\n`, 2);
      const diags = await s.client.diagnostics(a, hasCode('unknown-key'), 3000, "A's diagnostics while B is being edited");
      assert.deepEqual(diags.find((x) => x.code === 'unknown-key')!.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } });
      assert.ok(bEdits >= 3, 'B was being edited when A changed');
    } finally {
      clearInterval(typing);
    }
    // B's own lint runs once its edits stop.
    bVersion++;
    await s.client.change(b, `${CLEAN}Bogus=1\n`, bVersion);
    await s.client.diagnostics(b, hasCode('unknown-key'), 3000, "B's diagnostics after its last edit");
  });
});
