// File-tree helpers for tests.

import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under a directory, as sorted paths relative to it. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}
