// bin/quadlet-ls runs the CLI bundle (dist/cli.js, no language-server code); asked for the language
// server it hands over to dist/server.js, so `quadlet-ls --stdio` still serves LSP.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, REPO } from '../helpers/cli';

describe('bin/quadlet-ls entry', () => {
  it('loads the CLI bundle, which holds no language-server code', () => {
    assert.match(readFileSync(BIN, 'utf8'), /'dist', 'cli\.js'/);
    const cli = readFileSync(join(REPO, 'dist', 'cli.js'), 'utf8');
    assert.doesNotMatch(cli, /vscode-languageserver/);
    assert.match(readFileSync(join(REPO, 'dist', 'server.js'), 'utf8'), /vscode-languageserver/);
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
