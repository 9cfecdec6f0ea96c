// readInputSync's fast path for files the directory walk saw as regular (no fstat, a shared buffer
// that grows, a short read ends the file) reads exactly what the fstat path reads, at every size
// around the buffer and the limit, and reports too-large files with their real size.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findUnitFilesSync, readInputSync } from '../../server/src/workspace/loader';

describe('reading files the walk saw as regular', () => {
  it('gives the same input as the fstat path at every size and limit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quadlet-ls-read-'));
    try {
      const sizes = [0, 1, 700, 65535, 65536, 65537, 262143, 262144, 262145, 300000];
      for (const size of sizes) {
        // Multi-byte characters straddle the buffer boundaries too.
        const text = 'é[Container]\nImage=x\n'.repeat(Math.ceil(size / 20) + 1).slice(0, size);
        writeFileSync(join(dir, `f${size}.container`), text);
      }
      const { files, regular } = findUnitFilesSync([dir]);
      assert.equal(files.length, sizes.length);
      for (const f of files) {
        assert.ok(regular.has(f), `${f} is a regular file`);
        for (const maxFileSize of [undefined, 100, 65535, 65536, 262144, 1 << 20]) {
          const slow = readInputSync(f, { maxFileSize }, false);
          const fast = readInputSync(f, { maxFileSize }, true);
          assert.deepStrictEqual(fast, slow, `${f} with limit ${maxFileSize}`);
        }
      }
      const big = files.find((f) => f.endsWith('f300000.container'))!;
      assert.equal(readInputSync(big, { maxFileSize: 65536 }, true).skipped?.kind, 'too-large');
      assert.ok(readInputSync(big, { maxFileSize: 65536 }, true).skipped!.message.includes(`${statSync(big).size} bytes`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
