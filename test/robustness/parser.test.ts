// Property tests of the parser: any text (random, unit-shaped, or a mutated Podman fixture) parses
// without throwing, quickly, and every range it records lies inside the document. Also the
// `.quadlets` splitter and the word splitter.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseUnit } from '../../server/src/syntax/parser';
import { splitQuadletsParts } from '../../server/src/syntax/multi';
import { splitWords } from '../../server/src/syntax/words';
import { UnitDocument, valuePieceRange } from '../../server/src/syntax/model';
import { SEED, assertRangesInside, corpusOrSkip, mutatedArb, unitTextArb, withinTime } from './inputs';

function docRanges(doc: UnitDocument) {
  return [
    ...doc.sections.flatMap((s) => [s.nameRange, s.headerRange]),
    ...doc.entries.flatMap((e) => [e.keyRange, e.eqRange, e.valueRange, valuePieceRange(e, 0, e.value.length), valuePieceRange(e, Math.floor(e.value.length / 2), e.value.length)]),
    ...doc.comments.map((c) => c.range),
    ...doc.issues.map((i) => i.range),
  ];
}

function checkParse(text: string, template = false): void {
  const doc = withinTime(500, 'parseUnit', () => parseUnit(text, { template }));
  assertRangesInside(text, docRanges(doc), 'parser');
  for (const e of doc.entries) {
    assert.ok(e.line <= e.endLine, 'entry lines in order');
    assert.equal(typeof e.value, 'string');
  }
}

describe('parser properties', () => {
  it('any string parses without throwing; ranges inside the document', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.boolean(), (text, template) => checkParse(text, template)),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it('unit-shaped text (real keys, tricky values, continuations, CRLF, BOM, NUL, templates)', () => {
    fc.assert(
      fc.property(unitTextArb, fc.boolean(), (text, template) => checkParse(text, template)),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it('full-unicode and binary-looking strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => checkParse(text)),
      { seed: SEED, numRuns: 800 },
    );
  });

  it('.quadlets parts cover their lines and parse alone', () => {
    fc.assert(
      fc.property(unitTextArb, unitTextArb, (a, b) => {
        const text = `${a}\n---\n${b}`;
        const parts = withinTime(500, 'splitQuadletsParts', () => splitQuadletsParts(text));
        const lines = text.split('\n').length;
        for (const p of parts) {
          assert.ok(p.firstLine >= 0 && p.lastLine < lines && p.firstLine <= p.lastLine + 1, `part lines ${p.firstLine}..${p.lastLine} of ${lines}`);
          const doc = parseUnit(text, { firstLine: p.firstLine, lastLine: p.lastLine });
          assertRangesInside(text, docRanges(doc), 'quadlets part');
          for (const e of doc.entries) assert.ok(e.line >= p.firstLine && e.endLine <= p.lastLine, 'entries stay inside their part');
        }
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('word splitting keeps offsets inside the value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), unitTextArb), (value) => {
        const { words, problems } = withinTime(200, 'splitWords', () => splitWords(value));
        for (const w of words) assert.ok(w.start >= 0 && w.end <= value.length && w.start <= w.end, `word ${w.start}..${w.end} of ${value.length}`);
        for (const p of problems) assert.ok(p.start >= 0 && p.end <= value.length && p.start <= p.end, `problem ${p.start}..${p.end} of ${value.length}`);
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it("mutated fixtures of Podman's test suite", (t) => {
    const corpus = corpusOrSkip(t);
    if (!corpus) return;
    for (const { text } of corpus) checkParse(text);
    fc.assert(
      fc.property(mutatedArb(corpus.map((c) => c.text)), fc.boolean(), (text, template) => checkParse(text, template)),
      { seed: SEED, numRuns: 1500 },
    );
  });
});
