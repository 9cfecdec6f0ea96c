// Loads a fixture tree from test/fixtures/workspace/ the way the CLI does (config, scopes, files).

import { resolve } from 'node:path';
import { loadWorkspace } from '../../server/src/cli/load';
import { Analysis } from '../../server/src/features/analysis';
import { ParsedUnit } from '../../server/src/workspace/files';

export function fixtureDir(name: string): string {
  return resolve('test/fixtures/workspace', name).replace(/\\/g, '/');
}

export interface Fixture {
  analysis: Analysis;
  root: string;
  /** Absolute path of a file given relative to the fixture root. */
  path(rel: string): string;
  /** The (first) unit of a file. */
  unit(rel: string): ParsedUnit;
}

export async function loadFixture(name: string, podmanVersion = '5.8'): Promise<Fixture> {
  const root = fixtureDir(name);
  const ws = await loadWorkspace([root], { podmanVersion });
  const path = (rel: string) => `${root}/${rel}`;
  return {
    analysis: ws.analysis,
    root,
    path,
    unit(rel) {
      const file = ws.analysis.index.getFile(path(rel));
      if (!file) throw new Error(`fixture file not indexed: ${rel}`);
      return file.units()[0];
    },
  };
}
