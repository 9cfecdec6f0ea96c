// Edit storm over the real protocol: 1,000 didChange notifications in one burst, their versions
// shuffled (a misbehaving client), with requests sent in the middle of the burst and cancelled at
// once. The server must answer the cancelled requests with RequestCancelled when the cancellation
// reaches them while they wait behind the burst, keep serving, and end with exactly the
// diagnostics a fresh analysis gives for the newest text — in the edited file and in another
// user's closed file whose port conflict depends on it.

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { Analysis } from '../../server/src/features/analysis';
import { WorkspaceIndex } from '../../server/src/workspace/index';
import { normalisePath } from '../../server/src/workspace/scopes';
import { Diagnostic } from '../../server/src/syntax/diagnostic';
import { suiteServer } from '../helpers/lsp-suite';
import { LspClient, LspDiagnostic } from '../helpers/lsp';
import { SEED } from './inputs';

const ALICE = 'hosts/h1/home/alice/.config/containers/systemd/';
const BOB = 'hosts/h1/home/bob/.config/containers/systemd/';
const DB = '[Container]\nImage=docker.io/library/postgres:16\nPublishPort=127.0.0.1:5432:5432\nBogus=1\n';
const EDITS = 1000;
const SEVERITY: Record<string, number> = { error: 1, warning: 2, information: 3, hint: 4 };
const REQUEST_CANCELLED = -32800;

/** The texts the storm sends: ports that sometimes take bob's, typos, half-typed lines. */
function stormTexts(): string[] {
  const line = fc.constantFrom('PublishPort=127.0.0.1:5432:80', 'PublishPort=5432:80', 'PublishPort=127.0.0.1:8080:80', 'PublishPort=', 'Imgae=x', 'Environment=A=1', 'Publish', 'PublishPort=1-65535:1-65535', 'Network=none', '# comment');
  const text = fc.array(line, { maxLength: 6 }).map((ls) => `[Container]\nImage=docker.io/library/nginx:1\n${ls.join('\n')}\nUnknownKey=1\n`);
  return fc.sample(text, { seed: SEED, numRuns: EDITS });
}

const comparable = (list: Array<{ code?: string | number; severity?: number; range: LspDiagnostic['range']; message: string }>) =>
  list.map((d) => `${d.code}|${d.severity}|${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}|${d.message}`).sort();

const fromAnalysis = (list: Diagnostic[]) => comparable(list.map((d) => ({ ...d, severity: SEVERITY[d.severity] })));

describe('edit storm over LSP', () => {
  const s = suiteServer({ [ALICE + 'web.container']: '[Container]\nImage=docker.io/library/nginx:1\nUnknownKey=1\n', [BOB + 'db.container']: DB });

  before(async () => {
    await s.client.diagnostics(LspClient.uri(s.tree.path(BOB + 'db.container')), (l) => l.length > 0, 20_000, 'the indexed tree');
  });

  it('1,000 out-of-order changes with cancelled requests end with the analysis of the newest text', async () => {
    const webPath = s.tree.path(ALICE + 'web.container');
    const dbPath = s.tree.path(BOB + 'db.container');
    const web = LspClient.uri(webPath);
    const db = LspClient.uri(dbPath);
    const texts = stormTexts();
    // Versions 2..1001, delivered in a shuffled order; the newest (1001) is texts[EDITS - 1].
    const order = fc.sample(fc.shuffledSubarray([...texts.keys()], { minLength: EDITS, maxLength: EDITS }), { seed: SEED, numRuns: 1 })[0];
    await s.client.open(web, '[Container]\nImage=docker.io/library/nginx:1\nUnknownKey=1\n', 1);

    const cancelled: Array<Promise<unknown>> = [];
    const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const requests: Array<[string, unknown]> = [
      ['textDocument/codeAction', { textDocument: { uri: web }, range: zero, context: { diagnostics: [] } }],
      ['quadletLs/ports', {}],
      ['textDocument/hover', { textDocument: { uri: web }, position: { line: 2, character: 3 } }],
      ['textDocument/references', { textDocument: { uri: web }, position: { line: 0, character: 1 }, context: { includeDeclaration: true } }],
      ['workspace/symbol', { query: 'db' }],
      ['textDocument/completion', { textDocument: { uri: web }, position: { line: 2, character: 0 } }],
      ['textDocument/formatting', { textDocument: { uri: web }, options: { tabSize: 2, insertSpaces: true } }],
    ];
    order.forEach((i, n) => {
      void s.client.change(web, texts[i], i + 2);
      if (n % 50 === 25) {
        const [method, params] = requests[(n / 50) % requests.length | 0];
        const source = new CancellationTokenSource();
        cancelled.push(s.client.connection.sendRequest(method, params, source.token).then((r) => ({ answered: method, r }), (e: unknown) => e));
        source.cancel();
      }
    });
    const outcomes = await Promise.all(cancelled);
    // Every request is answered (none is lost or hangs). Those still queued behind the burst when
    // their cancellation arrived answer RequestCancelled; one the server reached first (a loaded
    // machine can deschedule the s.client between the two writes) may be answered normally.
    // honourCancellation itself is tested deterministically in cancellation.test.ts.
    const wasCancelled = outcomes.filter((o) => o instanceof ResponseError && o.code === REQUEST_CANCELLED);
    for (const o of outcomes) assert.ok((o instanceof ResponseError && o.code === REQUEST_CANCELLED) || (o as { answered?: string }).answered, `unexpected outcome ${String(o)}`);
    assert.ok(wasCancelled.length >= 1, `no request cancelled mid-burst was cancelled (${outcomes.length} sent)`);

    // A request that is not cancelled is served (and flushes the pending change first).
    const actions = await s.client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: web }, range: zero, context: { diagnostics: [] } });
    assert.ok(Array.isArray(actions));

    const newest = texts[EDITS - 1];
    const index = new WorkspaceIndex({ roots: [normalisePath(s.tree.dir)], config: {} });
    const fresh = new Analysis(index, { podmanVersion: '5.8' });
    fresh.setFile(normalisePath(webPath), { text: newest });
    fresh.setFile(normalisePath(dbPath), { text: readFileSync(dbPath, 'utf8') });
    const expectWeb = fromAnalysis(fresh.diagnostics(normalisePath(webPath)));
    const expectDb = fromAnalysis(fresh.diagnostics(normalisePath(dbPath)));
    assert.ok(expectWeb.length > 0 && expectDb.length > 0, 'both files have findings to compare');
    const sameAs = (expected: string[]) => (l: LspDiagnostic[]) => JSON.stringify(comparable(l)) === JSON.stringify(expected);
    await s.client.diagnostics(web, sameAs(expectWeb), 10_000, `web's final diagnostics = fresh analysis ${JSON.stringify(expectWeb)}`);
    await s.client.diagnostics(db, sameAs(expectDb), 10_000, `bob's final diagnostics = fresh analysis ${JSON.stringify(expectDb)}`);
    assert.doesNotMatch(s.client.stderr.join(''), /rule .* failed|TypeError|RangeError/);
  });
});
