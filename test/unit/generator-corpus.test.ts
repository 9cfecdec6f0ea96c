// Podman's own e2e fixtures through the real 5.4 and 5.8 generators: every message MANIFEST.tsv
// records must land on the fixture, on the right line, with the right severity; fixtures the
// generator accepts get no podman error.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadWorkspace } from '../../server/src/cli/load';
import { scopesOf } from '../../server/src/features/generator/scope-files';
import { validateScope } from '../../server/src/features/generator/validate';
import { ManifestRow, Verdict, readManifest, stageFixture } from '../conformance/corpus';
import { Oracle, requireCorpus, requireOracles } from '../helpers/oracle';

type KeyExpectation = { key: string; which?: 'first' | 'last'; section?: string; value?: string } | null;

// Where each message that names no key in a fixed pattern belongs, read off the fixtures by hand
// (null = line 1: the message is about a key that is missing).
const EXPECTED_KEY: Record<string, KeyExpectation> = {
  'build-not-found.quadlet.volume': { key: 'Image' },
  'dependent.error.container': { key: 'After' },
  'emptyline.container': null,
  'file-rel-no-wd.build': { key: 'File' },
  'gateway.less-subnet.network': { key: 'Gateway', which: 'last' },
  'gateway.no-subnet.network': { key: 'Gateway' },
  'group.container': { key: 'Group' },
  'idmapping-with-remap.container': { key: 'RemapUsers' },
  'image-no-image.volume': { key: 'Driver' },
  'image-not-found.quadlet.volume': { key: 'Image' },
  'mount-options.volume': { key: 'Options' },
  'mount-source-missing.container': { key: 'Mount' },
  'mount.container': { key: 'Mount', value: 'type=volume,destination=/path/in/container,ro' },
  'multiple-yaml-set-working-dir-yaml.kube': { key: 'SetWorkingDirectory' },
  'neither-workingdirectory-nor-file.build': null,
  'no-image.image': null,
  'no-imagetag.build': null,
  'no-workingdirectory-systemd-specifier.build': { key: 'File' },
  'noimage.container': null,
  'pod.non-quadlet.container': { key: 'Pod' },
  'pod.not-found.container': { key: 'Pod' },
  'range.less-subnet.network': { key: 'IPRange', which: 'last' },
  'range.no-subnet.network': { key: 'IPRange' },
  'reloadboth.container': { key: 'ReloadCmd' },
  'remap-manual.kube': { key: 'RemapUsers' },
  'subidmapping-with-remap.container': { key: 'RemapUsers' },
  'userns-with-remap.container': { key: 'RemapUsers' },
  'exec-unsupported-escape.container': { key: 'Exec' },
  'label-unsupported-escape.container': { key: 'Label' },
  'reloadcmd-unsupported-escape.container': { key: 'ReloadCmd' },
};

interface Expected {
  severity: 'error' | 'warning';
  /** Exact message, or a fragment for crashes. */
  message: string;
  exact: boolean;
  line: number;
}

/** 1-based line of `Key=` (optionally inside [section], optionally with that value). */
function lineOf(text: string, e: NonNullable<KeyExpectation>): number {
  const lines = text.split('\n');
  let section = '';
  const hits: number[] = [];
  lines.forEach((l, i) => {
    const t = l.trim();
    const header = /^\[(.+)\]$/.exec(t);
    if (header) section = header[1];
    else if ((!e.section || section === e.section) && t.startsWith(`${e.key}=`) && (!e.value || t === `${e.key}=${e.value}`)) hits.push(i + 1);
  });
  assert.ok(hits.length, `fixture has no ${e.key}= line`);
  return e.which === 'last' ? hits[hits.length - 1] : hits[0];
}

function expectation(row: ManifestRow, status: Verdict, raw: string, dir: string, text: string): Expected {
  if (status === 'crash') {
    const reason = /panic: ([^|]+?)\s*\|/.exec(raw)![1];
    return { severity: 'error', message: `panic: ${reason}`, exact: false, line: 1 };
  }
  const message = raw.replaceAll('<dir>', dir).replace(/^converting "[^"]+": /, '').replace(/^Warning: /, '');
  const severity = raw.startsWith('converting') ? 'error' : 'warning';
  let key: KeyExpectation;
  let m: RegExpExecArray | null;
  if ((m = /unsupported key '([^']+)' in group '([^']+)'/.exec(message))) key = { key: m[1], section: m[2] };
  else if ((m = /using key (\w+) in the (\w+) group/.exec(message))) key = { key: m[1], section: m[2] };
  else if (/specifies the image "/.test(message)) key = { key: 'Image' };
  else {
    assert.ok(row.file in EXPECTED_KEY, `no expected key for ${row.file}: "${message}" (add it to EXPECTED_KEY)`);
    key = EXPECTED_KEY[row.file];
  }
  // unsupported escape char: our message says what Podman does with the value.
  const exact = message !== 'unsupported escape char';
  return { severity, message, exact, line: key ? lineOf(text, key) : 1 };
}

async function runFixture(oracle: Oracle, row: ManifestRow) {
  const stage = stageFixture(row);
  try {
    const ws = await loadWorkspace([stage.dir], { podmanVersion: oracle.version });
    const [scope] = scopesOf(ws.analysis.index);
    const run = await validateScope(ws.analysis.index, scope, { binary: oracle.path });
    return { run, fixture: stage.path, dir: stage.dir, text: readFileSync(stage.path, 'utf8') };
  } finally {
    stage.cleanup();
  }
}

const show = (list: { file: string; range: { start: { line: number } }; severity: string; message: string }[]) =>
  list.map((d) => `  ${d.file.split('/').pop()}:${d.range.start.line + 1} ${d.severity}: ${d.message}`).join('\n') || '  (none)';

describe('real generator on the Podman e2e corpus', () => {
  const found = requireOracles();
  if (!requireCorpus() || found.length < 2) return;
  const rows = readManifest().filter((r) => !r.file.includes('/') && !r.recursiveDir);

  for (const oracle of found) {
    const statusOf = (r: ManifestRow) => r.verdict[oracle.version];
    const messageOf = (r: ManifestRow) => r.message[oracle.version];
    const reported = rows.filter((r) => statusOf(r) === 'fail' || statusOf(r) === 'crash' || (statusOf(r) === 'ok' && messageOf(r)));

    it(`${oracle.version}: the corpus has rejected fixtures to check`, () => {
      assert.ok(reported.filter((r) => statusOf(r) === 'fail').length >= 20, `only ${reported.length} rows`);
    });

    for (const row of reported) {
      it(`${oracle.version}: ${row.file} (${statusOf(row)}) → right file, line and message`, async () => {
        const { run, fixture, dir, text } = await runFixture(oracle, row);
        const e = expectation(row, statusOf(row), messageOf(row), dir, text);
        const onFixture = run.diagnostics.filter((d) => d.file === fixture && d.code === 'podman' && d.source === 'podman');
        const hits = onFixture.filter((d) => (e.exact ? d.message === e.message : d.message.includes(e.message)));
        assert.equal(hits.length, 1, `expected one "${e.message}" on ${row.file}, got:\n${show(run.diagnostics)}\ngeneral: ${run.general.join(' | ')}`);
        assert.equal(hits[0].range.start.line + 1, e.line, `line of "${e.message}"`);
        assert.equal(hits[0].severity, e.severity);
        assert.equal(run.failed, false);
      });
    }

    it(`${oracle.version}: accepted fixtures get no podman error, and each yields a unit`, async () => {
      const accepted = rows.filter((r) => statusOf(r) === 'ok' && !messageOf(r) && !r.file.endsWith('.d'));
      assert.ok(accepted.length > 150, `only ${accepted.length} accepted fixtures`);
      const wrong: string[] = [];
      // A few runs at a time: each is a separate generator process.
      const queue = [...accepted];
      const worker = async () => {
        for (let row = queue.shift(); row; row = queue.shift()) {
          const { run, fixture } = await runFixture(oracle, row);
          const errors = run.diagnostics.filter((d) => d.file === fixture && d.severity === 'error');
          if (errors.length) wrong.push(`${row.file}:\n${show(errors)}`);
          if (!run.units.some((u) => u.sourcePath === fixture)) wrong.push(`${row.file}: no unit with SourcePath=${fixture}`);
        }
      };
      await Promise.all([worker(), worker(), worker(), worker()]);
      assert.deepEqual(wrong.sort(), []);
    });

    it(`${oracle.version}: ignored fixtures (file type unknown to this version) get nothing`, async () => {
      for (const row of rows.filter((r) => statusOf(r) === 'ignored')) {
        const { run, fixture } = await runFixture(oracle, row);
        assert.deepEqual(run.diagnostics.filter((d) => d.file === fixture), [], row.file);
        assert.equal(run.units.some((u) => u.sourcePath === fixture), false, row.file);
      }
    });
  }
});
