// Property tests of the editing features: completion, hover, formatting, outline, folding, smart
// selection and inlay hints on random and mutated files never throw or take long, every range
// they return lies inside the document, completion edits stay on the cursor's line, and
// formatting is idempotent (formatting the formatted text changes nothing).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { QuadletService } from '../../server/src/features/service';
import { applyTextEdits } from '../../server/src/features/edits';
import { DocumentSymbol, SelectionRange } from '../../server/src/features/structure';
import { Position, Range } from '../../server/src/syntax/model';
import { FILE_NAMES, SEED, assertRangesInside, corpusOrSkip, mutatedArb, unitTextArb, withinTime } from './inputs';
import { ALICE, NEIGHBOURS, ROOT } from './workspace';

const seen = { completions: 0, hovers: 0, formatEdits: 0, symbols: 0 };

function serviceWith(path: string, text: string): QuadletService {
  const service = new QuadletService({ scope: { roots: [ROOT], config: {} }, settings: { podmanVersion: '5.8' } });
  let version = 1;
  for (const [p, t] of Object.entries(NEIGHBOURS)) service.openDocument(p, t, version++);
  service.openDocument(path, text, version);
  return service;
}

function symbolRanges(list: DocumentSymbol[]): Range[] {
  return list.flatMap((s) => [s.range, s.selectionRange, ...symbolRanges(s.children ?? [])]);
}

function selectionChain(s: SelectionRange | undefined): Range[] {
  const out: Range[] = [];
  for (let c = s; c; c = c.parent) out.push(c.range);
  return out;
}

function positionsIn(text: string, picks: number[]): Position[] {
  const lines = text.split('\n');
  return picks.map((n, i) => {
    const line = n % lines.length;
    const len = lines[line].length;
    return { line, character: i % 2 ? len : (n >> 4) % (len + 1) };
  });
}

function exercise(name: string, text: string, picks: number[]): void {
  const path = `${ALICE}/${name}`;
  const service = serviceWith(path, text);
  withinTime(2000, `editing features on ${name}`, () => {
    const positions = positionsIn(text, picks);
    for (const position of positions) {
      const items = service.completion(path, position);
      seen.completions += items.length;
      for (const item of items) {
        assertRangesInside(text, [item.range], `completion "${item.label}"`);
        assert.ok(item.range.start.line === position.line && item.range.end.line === position.line, `completion "${item.label}" edits the cursor's line`);
        assert.equal(typeof item.insertText, 'string');
      }
      const h = service.hover(path, position);
      if (h) {
        seen.hovers++;
        assertRangesInside(text, [h.range], 'hover');
        assert.equal(typeof h.contents, 'string');
      }
    }
    const symbols = service.documentSymbols(path);
    seen.symbols += symbols.length;
    assertRangesInside(text, symbolRanges(symbols), 'document symbols');
    const lineCount = text.split('\n').length;
    for (const f of service.foldingRanges(path)) assert.ok(f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < lineCount, `folding ${f.startLine}-${f.endLine} of ${lineCount}`);
    for (const s of service.selectionRanges(path, positions)) assertRangesInside(text, selectionChain(s), 'selection ranges');
    for (const hint of service.inlayHints(path)) assertRangesInside(text, [{ start: hint.position, end: hint.position }], 'inlay hint');

    const edits = service.format(path);
    seen.formatEdits += edits.length;
    assertRangesInside(text, edits.map((e) => e.range), 'formatting edits');
    const once = applyTextEdits(text, edits);
    service.changeDocument(path, once, 1000);
    const again = service.format(path);
    assert.equal(applyTextEdits(once, again), once, `formatting is not idempotent for ${JSON.stringify(text).slice(0, 300)}`);
    const ranged = service.format(path, { start: { line: 0, character: 0 }, end: { line: Math.min(3, lineCount - 1), character: 0 } });
    assertRangesInside(once, ranged.map((e) => e.range), 'range formatting edits');
  });
}

const picksArb = fc.array(fc.nat({ max: 100_000 }), { minLength: 3, maxLength: 10 });

describe('editing features', () => {
  it('random unit-shaped files of every kind', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FILE_NAMES), unitTextArb, picksArb, (name, text, picks) => exercise(name, text, picks)),
      { seed: SEED, numRuns: 400 },
    );
    for (const [kind, n] of Object.entries(seen)) assert.ok(n > 0, `no ${kind} were produced: the properties checked nothing`);
  });

  it('arbitrary strings', () => {
    fc.assert(
      fc.property(fc.constantFrom('x.container', 'x.socket', 'x.quadlets', 'container.d/1.conf'), fc.string({ maxLength: 200 }), picksArb, (name, text, picks) => exercise(name, text, picks)),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("mutated fixtures of Podman's test suite", (t) => {
    const corpus = corpusOrSkip(t);
    if (!corpus) return;
    fc.assert(
      fc.property(fc.constantFrom('web.container', 'db.pod', 'app.network', 'site.kube', 'web.container.d/1.conf'), mutatedArb(corpus.map((c) => c.text)), picksArb, (name, text, picks) => exercise(name, text, picks)),
      { seed: SEED, numRuns: 300 },
    );
  });
});
