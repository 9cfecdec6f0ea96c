// The CLI's one-shot check (Analysis.loadFiles + batchDiagnostics: bulk indexing, no dependency
// keys, views shared by the index and the rules) gives exactly the list of the incremental path the
// editor uses (setFile one by one, then every file's diagnostics through the caches), on the
// example tree, a generated benchmark tree and Podman's own test fixtures, for two target versions.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Analysis } from '../../server/src/features/analysis';
import { loadCompanionFiles } from '../../server/src/features/companions';
import { settingsFromConfig } from '../../server/src/features/settings';
import { loadWorkspace } from '../../server/src/cli/load';
import { ignorePatterns } from '../../server/src/workspace/config';
import { FileInput, WorkspaceIndex } from '../../server/src/workspace/index';
import { findUnitFilesSync, loadOrder, readInputSync } from '../../server/src/workspace/loader';
import { normalisePath } from '../../server/src/workspace/scopes';
import { Diagnostic } from '../../server/src/syntax/diagnostic';
import { REPO } from '../helpers/cli';

type Files = Array<{ path: string; input: FileInput }>;

function incremental(files: Files, roots: string[], podmanVersion: string): Diagnostic[] {
  const analysis = new Analysis(new WorkspaceIndex({ roots, config: {} }), { podmanVersion });
  for (const f of files) analysis.setFile(f.path, f.input);
  return analysis.allDiagnostics();
}

function batch(files: Files, roots: string[], podmanVersion: string): Diagnostic[] {
  const analysis = new Analysis(new WorkspaceIndex({ roots, config: {} }), { podmanVersion });
  analysis.loadFiles(files);
  return analysis.batchDiagnostics();
}

function assertSame(files: Files, roots: string[], what: string): void {
  for (const version of ['5.4', '5.8']) {
    const expected = incremental(files, roots, version);
    const actual = batch(files, roots, version);
    assert.ok(expected.length > 0, `${what} (${version}): the tree has findings to compare`);
    assert.deepStrictEqual(actual, expected, `${what} (${version}): batch check differs from the incremental analysis`);
  }
}

interface Plan {
  files: Array<{ rel: string; text: string }>;
}

describe('batch check equals the incremental analysis', () => {
  it('on the example tree, through the CLI loader (config, companions, severity overrides)', async () => {
    const root = join(REPO, 'examples');
    const ws = await loadWorkspace([root], { podmanVersion: '5.8' });
    const configDir = ws.configPath ? normalisePath(join(ws.configPath, '..')) : undefined;
    const analysis = new Analysis(new WorkspaceIndex({ roots: ws.roots, config: ws.config, configDir }), settingsFromConfig(ws.config, '5.8'));
    const load = { maxFileSize: ws.config.maxFileSize, ignore: ignorePatterns(ws.config, configDir ?? root) };
    for (const f of loadOrder(findUnitFilesSync([root], load).files)) {
      const input = readInputSync(f, load);
      if (input.skipped?.kind !== 'gone') analysis.setFile(normalisePath(f), input);
    }
    await loadCompanionFiles(analysis, load);
    const expected = analysis.allDiagnostics();
    assert.ok(expected.length > 10);
    assert.deepStrictEqual(ws.analysis.batchDiagnostics(), expected);
  });

  it('on a generated 1,000-file benchmark tree (two load orders)', async () => {
    const { planTree, SIZES } = (await import(pathToFileURL(join(REPO, 'bench', 'tree.mjs')).href)) as { planTree(s: object): Plan; SIZES: Record<string, object> };
    const plan = planTree({ ...SIZES[1000], seed: 42 });
    const byPath = new Map(plan.files.map((f) => [`/bench/${f.rel}`, f.text]));
    const ordered = loadOrder([...byPath.keys()]).map((path) => ({ path, input: { text: byPath.get(path)! } }));
    assertSame(ordered, ['/bench'], 'bench tree in load order');
    // Drop-ins after their units: the bulk load falls back to adding files one by one.
    const reversed = [...ordered].reverse();
    for (const version of ['5.4', '5.8']) assert.deepStrictEqual(batch(reversed, ['/bench'], version), incremental(reversed, ['/bench'], version));
  });

  const corpus = '/work/shared/corpus/podman-e2e';
  it('on Podman\'s test fixtures as one workspace', { skip: existsSync(corpus) ? false : `${corpus} is absent` }, () => {
    const paths = loadOrder(findUnitFilesSync([corpus]).files);
    assert.ok(paths.length > 100 && readdirSync(corpus).length > 100);
    const files = paths.map((p) => ({ path: normalisePath(p), input: readInputSync(p) })).filter((f) => f.input.skipped?.kind !== 'gone');
    assertSame(files, [corpus], 'podman-e2e corpus');
  });
});
