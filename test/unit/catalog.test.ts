// Holds the checked-in key catalogue against Podman's facts (../shared/reference/keys.tsv) and checks
// that every key carries what hover and completion need.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { allQuadletKeys, allSystemdKeys, keyDocsUrl, lookupKey, describeSection } from '../../server/src/catalog/keys';
import { QUADLET_TYPES, MAIN_SECTION } from '../../server/src/catalog/filetypes';

const ROOT = join(__dirname, '..', '..', '..');
const KEYS_TSV = join(ROOT, '..', 'shared', 'reference', 'keys.tsv');
const CATALOG_JSON = join(ROOT, 'server', 'src', 'catalog', 'data', 'quadlet-keys.json');
const QUADLET_SECTIONS = new Set(['Container', 'Pod', 'Kube', 'Network', 'Volume', 'Build', 'Image', 'Artifact', 'Quadlet']);
const haveShared = existsSync(KEYS_TSV);
const skipShared = haveShared ? false : `../shared/reference/keys.tsv is absent`;
if (!haveShared && process.env.CI === 'true') throw new Error('CI=true but ../shared/reference/keys.tsv is missing');

interface TsvRow {
  types: string[];
  section: string;
  key: string;
  since: string;
  repeatable: boolean;
}

function tsvRows(): TsvRow[] {
  const rows: TsvRow[] = [];
  for (const line of readFileSync(KEYS_TSV, 'utf8').trim().split('\n').slice(1)) {
    const [types, section, keys, introduced, repeatable] = line.split('\t');
    if (!QUADLET_SECTIONS.has(section)) continue;
    const m = /^v?(\d+)\.(\d+)/.exec(introduced);
    for (const key of keys.split('|')) {
      rows.push({ types: types.split(','), section, key, since: m ? `${m[1]}.${m[2]}` : 'unreleased', repeatable: repeatable.startsWith('yes') });
    }
  }
  return rows;
}

describe('key catalogue vs keys.tsv', () => {
  it('has every key of every quadlet section with its release, repeatability and file types', { skip: skipShared }, () => {
    const rows = tsvRows();
    assert.ok(rows.length > 200, `only ${rows.length} rows read`);
    for (const row of rows) {
      const info = allQuadletKeys().find((k) => k.section === row.section && k.key === row.key);
      assert.ok(info, `${row.section}.${row.key} is missing from the catalogue`);
      if (row.since === 'unreleased') assert.equal(info.unreleased, true, `${row.section}.${row.key} should be marked unreleased`);
      else assert.equal(info.since, row.since, `${row.section}.${row.key}: since`);
      assert.equal(info.repeatable, row.repeatable, `${row.section}.${row.key}: repeatable`);
      for (const t of row.types) assert.ok(info.types?.includes(t), `${row.section}.${row.key}: type ${t}`);
    }
  });

  it('has no quadlet key that keys.tsv does not list', { skip: skipShared }, () => {
    const known = new Set(tsvRows().map((r) => `${r.section}.${r.key}`));
    const extra = allQuadletKeys().filter((k) => !known.has(`${k.section}.${k.key}`)).map((k) => `${k.section}.${k.key}`);
    assert.deepEqual(extra, []);
  });

  it('is exactly what scripts/gen-catalog.mjs generates from keys.tsv (no hand edits drift)', { skip: skipShared }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'qls-catalog-'));
    try {
      const out = join(dir, 'keys.json');
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'gen-catalog.mjs'), KEYS_TSV, out], { timeout: 30000 });
      assert.equal(readFileSync(out, 'utf8'), readFileSync(CATALOG_JSON, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('key catalogue content', () => {
  it('gives every quadlet key a description in our words, a docs link and a value kind', () => {
    for (const info of allQuadletKeys()) {
      assert.ok(info.description && info.description.length >= 20 && info.description.length <= 240, `${info.section}.${info.key}: description`);
      assert.ok(info.kind, `${info.section}.${info.key}: kind`);
      assert.match(keyDocsUrl(info, '5.4'), /^https:\/\/docs\.podman\.io\/en\/v5\.4\.0\/markdown\/podman-systemd\.unit\.5\.html#[a-z0-9-]+$/);
    }
  });

  it('gives every systemd key a description, a man page and a known kind; enums list their values', () => {
    const systemd = allSystemdKeys();
    assert.ok(systemd.length > 300);
    for (const info of systemd) {
      assert.ok(info.description, `${info.section}.${info.key}: description`);
      assert.ok(info.man, `${info.section}.${info.key}: man page`);
      if (info.kind === 'enum') assert.ok(info.values && info.values.length > 0, `${info.section}.${info.key}: enum values`);
    }
    assert.ok(lookupKey('socket', 'Socket', 'ListenStream'));
    assert.ok(lookupKey('socket', 'Socket', 'ExecStartPre'), '[Socket] takes the exec keys too');
  });

  it('describes every section of every quadlet type', () => {
    for (const t of QUADLET_TYPES) assert.ok(describeSection(MAIN_SECTION[t]), MAIN_SECTION[t]);
    for (const s of ['Quadlet', 'Unit', 'Service', 'Install', 'Socket', 'Timer']) assert.ok(describeSection(s), s);
  });

  it('knows the keys per file type: Yaml only in .kube, Image in .container/.image/.volume', () => {
    assert.ok(lookupKey('kube', 'Kube', 'Yaml'));
    assert.equal(lookupKey('container', 'Container', 'Yaml'), undefined);
    assert.equal(lookupKey('container', 'Kube', 'Yaml'), undefined);
    assert.ok(lookupKey('volume', 'Volume', 'Image'));
    assert.ok(lookupKey('pod', 'Quadlet', 'DefaultDependencies'));
  });
});
