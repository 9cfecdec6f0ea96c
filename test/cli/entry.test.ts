// bin/quadlet-ls runs the CLI bundle (dist/cli.js, no language-server code) with V8's code cache
// from the build; asked for the language server it hands over to dist/server.js, so
// `quadlet-ls --stdio` still serves LSP. A cache V8 rejects only costs time.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { wrap } from 'node:module';
import { BIN, REPO } from '../helpers/cli';

describe('bin/quadlet-ls entry', () => {
  it('loads the CLI bundle, which holds no language-server code', () => {
    assert.match(readFileSync(BIN, 'utf8'), /'dist', 'cli\.js'/);
    const cli = readFileSync(join(REPO, 'dist', 'cli.js'), 'utf8');
    assert.doesNotMatch(cli, /vscode-languageserver/);
    assert.match(readFileSync(join(REPO, 'dist', 'server.js'), 'utf8'), /vscode-languageserver/);
  });

  it('has a code cache for the CLI bundle that this Node accepts', () => {
    const file = join(REPO, 'dist', 'cli.js');
    const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData: readFileSync(`${file}.cache`) });
    assert.equal(script.cachedDataRejected, false);
  });

  it('runs a bundle whose cache V8 rejects', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { loadBundle } = require(join(REPO, 'bin', 'load-bundle.js')) as { loadBundle(file: string, cache?: Buffer): Script };
    const dir = mkdtempSync(join(tmpdir(), 'quadlet-ls-bundle-'));
    try {
      const file = join(dir, 'bundle.js');
      writeFileSync(file, 'module.exports.ran = require("node:path").basename(__filename); globalThis.__bundleRan = module.exports.ran;');
      const script = loadBundle(file, Buffer.from('not a code cache'));
      assert.equal(script.cachedDataRejected, true);
      assert.equal((globalThis as { __bundleRan?: string }).__bundleRan, 'bundle.js');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers an LSP initialize request with --stdio', async () => {
    const child = spawn(process.execPath, [BIN, '--stdio'], { env: { ...process.env, PATH: '' } });
    try {
      const reply = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no initialize reply within 10 s: ${out}`)), 10_000);
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('"capabilities"')) {
            clearTimeout(timer);
            resolve(out);
          }
        });
        child.on('error', reject);
        const msg = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
        child.stdin.write(`Content-Length: ${Buffer.byteLength(msg)}\r\n\r\n${msg}`);
      });
      assert.match(reply, /"id":1,"result":\{"capabilities"/);
    } finally {
      child.kill();
    }
  });
});
