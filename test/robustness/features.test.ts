// Property tests of the feature entry points on main: code actions (quick fixes and activator
// actions, for every diagnostic and for random ranges), hover, definition, references, document
// links, workspace symbols, rename, and the ports rows/registry. Random and mutated files never make
// them throw or take long, and every range they return lies inside the document it names.
// (Completion and formatting are not on main yet; their properties belong with them.)

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { QuadletService } from '../../server/src/features/service';
import { CodeAction } from '../../server/src/features/edits';
import { definition, documentLinks, findReferences, navContext, referenceHover, workspaceSymbols } from '../../server/src/features/navigation';
import { prepareRename, renameUnit } from '../../server/src/features/rename';
import { formatRegistry, portRows } from '../../server/src/features/ports-registry';
import { Position, Range } from '../../server/src/syntax/model';
import { FILE_NAMES, SEED, assertRangesInside, corpusOrSkip, mutatedArb, unitTextArb, withinTime } from './inputs';
import { ALICE, NEIGHBOURS, ROOT } from './workspace';

function serviceWith(files: Record<string, string>): QuadletService {
  const service = new QuadletService({ scope: { roots: [ROOT], config: {} }, settings: { podmanVersion: '5.8' } });
  let version = 1;
  for (const [path, text] of Object.entries(files)) service.openDocument(path, text, version++);
  return service;
}

/** How many answers of each kind the properties produced (so the range checks are not vacuous). */
const seen = { actions: 0, hovers: 0, definitions: 0, references: 0, renames: 0, links: 0 };

function checkActions(service: QuadletService, actions: CodeAction[], what: string): void {
  seen.actions += actions.length;
  for (const a of actions) {
    assert.equal(typeof a.title, 'string', `${what}: a title`);
    for (const c of a.change?.changes ?? []) {
      if (c.kind !== 'edit') continue;
      const text = service.text(c.path);
      if (text !== undefined) assertRangesInside(text, c.edits.map((e) => e.range), `${what}: edit of ${c.path}`);
    }
  }
}

/** Positions to probe: every line start/end, inside keys and values, and past the end. */
function probePositions(text: string, picks: number[]): Position[] {
  const lines = text.split('\n');
  return picks.map((n, i) => {
    const line = n % (lines.length + 1); // may be one past the last line
    const len = lines[line]?.length ?? 0;
    return { line, character: i % 3 === 0 ? 0 : i % 3 === 1 ? len : (n >> 3) % (len + 2) };
  });
}

function exercise(name: string, text: string, picks: number[], newName: string): void {
  const path = `${ALICE}/${name}`;
  const service = serviceWith({ ...NEIGHBOURS, [path]: text });
  const ctx = navContext(service);
  const textOf = (p: string) => service.text(p) ?? '';
  withinTime(2000, `features on ${name}`, () => {
    const diagnostics = service.diagnostics(path);
    checkActions(service, service.codeActions(path, diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, diagnostics), 'code actions for all diagnostics');
    for (const d of diagnostics) checkActions(service, service.codeActions(path, d.range, [d]), `code actions for ${d.code}`);
    for (const position of probePositions(text, picks)) {
      const range: Range = { start: position, end: position };
      checkActions(service, service.codeActions(path, range, []), 'code actions at a position');
      const hover = referenceHover(ctx, path, position);
      if (hover) {
        seen.hovers++;
        assertRangesInside(text, [hover.range], 'hover');
      }
      for (const l of definition(ctx, path, position)) {
        seen.definitions++;
        assertRangesInside(textOf(l.path), [l.range], 'definition');
      }
      for (const l of findReferences(ctx, path, position, true)) {
        seen.references++;
        assertRangesInside(textOf(l.path), [l.range], 'references');
      }
      const prepared = prepareRename(ctx, path, position);
      if (!('error' in prepared)) {
        assertRangesInside(text, [prepared.range], 'prepareRename');
        const renamed = renameUnit(ctx, path, position, newName);
        if (!('error' in renamed)) {
          seen.renames++;
          for (const c of renamed.change.changes) if (c.kind === 'edit') assertRangesInside(textOf(c.path), c.edits.map((e) => e.range), 'rename edit');
        }
      }
    }
    for (const link of documentLinks(ctx, path)) {
      seen.links++;
      assertRangesInside(text, [link.range], 'document link');
    }
    for (const s of workspaceSymbols(ctx, newName.slice(0, 3))) assertRangesInside(textOf(s.location.path), [s.location.range], 'workspace symbol');
    const rows = portRows(service.index, service.analysis.settings);
    for (const format of ['markdown', 'json', 'text'] as const) assert.equal(typeof formatRegistry(rows, format), 'string');
  });
}

const picksArb = fc.array(fc.nat({ max: 10_000 }), { minLength: 4, maxLength: 12 });
const newNameArb = fc.oneof(fc.constantFrom('renamed', 'web.container', 'db', 'x.network', '', '../escape', 'a b', 'é'), fc.string({ maxLength: 20 }));

describe('feature entry points', () => {
  it('random unit-shaped files of every kind', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FILE_NAMES), unitTextArb, picksArb, newNameArb, (name, text, picks, newName) => exercise(name, text, picks, newName)),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('files that reference the neighbours (networks, volumes, pods, services, ports)', () => {
    const refText = fc
      .array(fc.constantFrom('Network=db.network', 'Network=web.network', 'Volume=data.volume:/d', 'Pod=db.pod', 'Requires=db.service', 'After=api.socket', 'PublishPort=5432:5432', 'PublishPort=127.0.0.1:8081:80', 'PublishPort=80', 'Image=base.image', 'Yaml=site.yaml'), { maxLength: 8 })
      .map((lines) => `[Unit]\n${lines.filter((l) => /^(Requires|After)/.test(l)).join('\n')}\n[Container]\nImage=docker.io/library/nginx:1\n${lines.filter((l) => !/^(Requires|After)/.test(l)).join('\n')}\n`);
    fc.assert(
      fc.property(refText, picksArb, newNameArb, (text, picks, newName) => exercise('ref.container', text, picks, newName)),
      { seed: SEED, numRuns: 300 },
    );
    // Reference-rich files must have produced every kind of answer at least once.
    for (const [kind, n] of Object.entries(seen)) assert.ok(n > 0, `no ${kind} were produced: the properties checked nothing`);
  });

  it("mutated fixtures of Podman's test suite", (t) => {
    const corpus = corpusOrSkip(t);
    if (!corpus) return;
    fc.assert(
      fc.property(fc.constantFrom('web.container', 'db.pod', 'app.network', 'site.kube'), mutatedArb(corpus.map((c) => c.text)), picksArb, newNameArb, (name, text, picks, newName) => exercise(name, text, picks, newName)),
      { seed: SEED, numRuns: 300 },
    );
  });
});
