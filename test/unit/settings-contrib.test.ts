import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scopeContextFrom } from '../../server/src/lsp/settings';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const props: Record<string, Record<string, unknown>> = pkg.contributes.configuration.properties;

describe('contributed settings', () => {
  it('contributes every setting the server reads', () => {
    for (const name of ['podmanVersion', 'severity', 'trustedAddresses', 'unprivilegedPortStart', 'socketProxydPath', 'scopes', 'inlayHints', 'hardening', 'generatorPath', 'maxFileSize']) {
      assert.ok(props[`quadletLs.${name}`], `quadletLs.${name} is contributed`);
    }
  });

  it('contributes each setting once (JSON.parse would silently keep the last duplicate)', () => {
    const raw = readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8');
    for (const name of Object.keys(props)) assert.equal(raw.split(`"${name}":`).length - 1, 1, `${name} is contributed once`);
  });

  it('gives each a JSON schema type, a default that fits it, and a description', () => {
    for (const [name, p] of Object.entries(props)) {
      assert.ok(p.type, `${name} has a type`);
      assert.ok('default' in p, `${name} has a default`);
      assert.ok(typeof (p.markdownDescription ?? p.description) === 'string' && String(p.markdownDescription ?? p.description).length > 20, `${name} has a description`);
      const types = Array.isArray(p.type) ? p.type : [p.type];
      const actual = p.default === null ? 'null' : Array.isArray(p.default) ? 'array' : typeof p.default === 'number' ? (Number.isInteger(p.default) ? 'integer' : 'number') : typeof p.default;
      assert.ok(types.includes(actual) || (actual === 'integer' && types.includes('number')), `${name}: default ${JSON.stringify(p.default)} is not of type ${types}`);
      if (Array.isArray(p.enum)) assert.ok(p.enum.includes(p.default), `${name}: default is one of the enum values`);
    }
  });

  it('makes the generator path a machine setting, so a workspace cannot choose what runs', () => {
    assert.equal(props['quadletLs.generatorPath'].scope, 'machine');
  });

  it('keeps inlay hints opt-in', () => {
    assert.equal(props['quadletLs.inlayHints'].default, false);
  });
});

describe('editor settings layered on .quadlet-ls.json', () => {
  it('lets the file decide when a setting keeps its default, and the setting win when set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qls-settings-'));
    try {
      writeFileSync(join(dir, '.quadlet-ls.json'), JSON.stringify({ unprivilegedPortStart: 80, hardening: 'recommend', socketProxydPath: '/lib/systemd/systemd-socket-proxyd', maxFileSize: 4096 }));
      const defaults = Object.fromEntries(Object.entries(props).map(([k, p]) => [k.replace('quadletLs.', ''), p.default]));
      const fromFile = (await scopeContextFrom([dir], defaults)).scope.config;
      assert.equal(fromFile.unprivilegedPortStart, 80);
      assert.equal(fromFile.hardening, 'recommend');
      assert.equal(fromFile.socketProxydPath, '/lib/systemd/systemd-socket-proxyd');
      assert.equal(fromFile.maxFileSize, 4096);
      const set = (await scopeContextFrom([dir], { ...defaults, unprivilegedPortStart: 1024, hardening: 'off', socketProxydPath: '/usr/lib/systemd/systemd-socket-proxyd' })).scope.config;
      assert.equal(set.unprivilegedPortStart, 1024);
      assert.equal(set.hardening, 'off');
      assert.equal(set.socketProxydPath, '/usr/lib/systemd/systemd-socket-proxyd');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
