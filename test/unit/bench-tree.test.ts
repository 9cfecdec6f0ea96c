// The benchmark trees (bench/tree.mjs) are reproducible: the same seed plans the same bytes, every
// size has exactly N × M files in mirrored user directories, and the latency benchmark's edit pair
// exists (a user001 container, and a user002 container on a port nobody else binds).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO } from '../helpers/cli';

interface Plan {
  files: Array<{ rel: string; text: string }>;
  users: Array<{ host: string; user: string; dir: string }>;
  edit?: { rel: string; port: number; other?: { rel: string; port: number } };
}
interface TreeModule {
  SIZES: Record<string, { users: number; perUser: number }>;
  planTree(shape: { users: number; perUser: number; seed?: number }): Plan;
}

const load = (): Promise<TreeModule> => import(pathToFileURL(join(REPO, 'bench', 'tree.mjs')).href);
const digest = (p: Plan) => createHash('sha256').update(JSON.stringify(p.files)).digest('hex');

describe('benchmark trees', () => {
  it('the same seed plans the same files; another seed plans others', async () => {
    const { planTree, SIZES } = await load();
    assert.equal(digest(planTree({ ...SIZES[1000], seed: 42 })), digest(planTree({ ...SIZES[1000], seed: 42 })));
    assert.notEqual(digest(planTree({ ...SIZES[1000], seed: 42 })), digest(planTree({ ...SIZES[1000], seed: 7 })));
  });

  it('every size has N × M files in mirrored user directories, and an edit pair', async () => {
    const { planTree, SIZES } = await load();
    for (const [size, shape] of Object.entries(SIZES)) {
      const plan = planTree({ ...shape, seed: 42 });
      assert.equal(plan.files.length, Number(size));
      assert.equal(plan.users.length, shape.users);
      for (const f of plan.files) assert.match(f.rel, /^hosts\/h\d+\/home\/user\d{3}\/\.config\/(containers\/systemd|systemd\/user)\//);
      assert.ok(plan.edit?.other, `${size}: the latency benchmark has its edit pair`);
      assert.match(plan.edit!.rel, /\/user001\//);
      assert.match(plan.edit!.other!.rel, /\/user002\//);
    }
  });
});
