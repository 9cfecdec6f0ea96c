// Enum keys, [Service] restrictions in quadlets, systemd grammars and specifiers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseListedEnum, parseQuadletEnum } from '../../server/src/catalog/values/enums';
import { checkServiceRestriction } from '../../server/src/catalog/values/service-restrictions';
import { parseListenValue, parseOctalMode, parseSystemdEnum, parseUnitList } from '../../server/src/catalog/values/systemd';
import { checkSpecifiers, hasExpansion, onlyExpansions } from '../../server/src/catalog/values/specifiers';
import { assertMessage, assertProblems, assertValid } from '../helpers/values';

const q = (section: string, key: string, type = 'container', version = '5.8') => (v: string) => parseQuadletEnum(v, section, key, type, version);

describe('values: quadlet enums', () => {
  it('Pull= takes podman\'s policies in any case and refuses others', () => {
    assertValid(q('Container', 'Pull'), ['always', 'missing', 'never', 'newer', 'Always', 'ifnotpresent']);
    assertProblems(q('Container', 'Pull'), { sometimes: ['error:sometimes'] });
    assertValid(q('Image', 'Policy', 'image'), ['newer']);
  });
  it('a build\'s Pull= silently falls back, so garbage is a warning', () => {
    assertValid(q('Build', 'Pull', 'build'), ['true', 'false', 'never']);
    assertProblems(q('Build', 'Pull', 'build'), { sometimes: ['warning:sometimes'] });
  });
  it('checks AutoUpdate= (kube: [container/]registry|local)', () => {
    assertValid(q('Container', 'AutoUpdate'), ['registry', 'local']);
    assertProblems(q('Container', 'AutoUpdate'), { remote: ['warning:remote'] });
    assertValid(q('Kube', 'AutoUpdate', 'kube'), ['registry', 'web/local registry']);
    assertProblems(q('Kube', 'AutoUpdate', 'kube'), { 'web/remote local': ['warning:remote'] });
  });
  it('checks ExitCodePropagation=, CgroupsMode=, HealthOnFailure=, ExitPolicy=, IPAMDriver=', () => {
    assertValid(q('Kube', 'ExitCodePropagation', 'kube'), ['all', 'any', 'none']);
    assertProblems(q('Kube', 'ExitCodePropagation', 'kube'), { some: ['error:some'] });
    assertProblems(q('Container', 'CgroupsMode'), { Split: ['error:Split'] });
    assertProblems(q('Container', 'HealthOnFailure'), { reboot: ['error:reboot'] });
    assertProblems(q('Pod', 'ExitPolicy', 'pod'), { wait: ['error:wait'] });
    assertProblems(q('Network', 'IPAMDriver', 'network'), { static: ['error:static'] });
  });
  it('checks Notify= (healthy from 5.0; oracle: 5.4.2 emits --sdnotify=healthy)', () => {
    assertValid(q('Container', 'Notify'), ['true', 'no', 'healthy', 'HEALTHY']);
    assertProblems(q('Container', 'Notify'), { ready: ['warning:ready'] });
    assertProblems(q('Container', 'Notify', 'container', '4.9'), { healthy: ['warning:healthy@5.0'] });
  });
  it('checks SetWorkingDirectory= per file type (oracle: .kube "file" → "only supported in .build files")', () => {
    assertValid(q('Kube', 'SetWorkingDirectory', 'kube'), ['yaml', 'unit', 'YAML']);
    assertProblems(q('Kube', 'SetWorkingDirectory', 'kube'), { file: ['error:file'], '/srv/app': ['error:/srv/app'] });
    assertValid(q('Build', 'SetWorkingDirectory', 'build'), ['file', 'unit', '/srv/src', 'https://example.com/repo.git', 'ctx']);
    assertProblems(q('Build', 'SetWorkingDirectory', 'build'), { yaml: ['error:yaml'] });
  });
  it('checks RemapUsers= case-sensitively (oracle: RemapUsers=Auto → "unsupported RemapUsers option")', () => {
    assertValid(q('Container', 'RemapUsers'), ['auto', 'keep-id', 'manual']);
    assertProblems(q('Container', 'RemapUsers'), { Auto: ['error:Auto'] });
    // RemapUsers=manual in a .kube is conflicting-keys' finding, not a grammar error.
    assertValid(q('Kube', 'RemapUsers', 'kube'), ['manual']);
  });
  it('warns for other listed enums', () => {
    assertProblems((v) => parseListedEnum(v, ['a', 'b'], 'x'), { c: ['warning:c'] });
  });
});

describe('values: [Service] restrictions in quadlets', () => {
  it('refuses other KillMode= and Type= values in .container and .kube (oracle: KillMode=process in .kube → "invalid KillMode"; Type= empty → "invalid service Type \'\'")', () => {
    assert.deepEqual(checkServiceRestriction('mixed', 'KillMode', 'container'), []);
    assert.deepEqual(checkServiceRestriction('oneshot', 'Type', 'kube'), []);
    assert.equal(checkServiceRestriction('process', 'KillMode', 'kube')?.[0].severity, 'error');
    assert.equal(checkServiceRestriction('simple', 'Type', 'container')?.[0].severity, 'error');
    assert.match(checkServiceRestriction('', 'Type', 'container')?.[0].message ?? '', /empty value/);
  });
  it('warns that a .pod ignores Type= (oracle: Type=simple in a .pod → Type=forking, rc 0)', () => {
    assert.equal(checkServiceRestriction('simple', 'Type', 'pod')?.[0].severity, 'warning');
    assert.equal(checkServiceRestriction('process', 'KillMode', 'volume'), undefined);
  });
});

describe('values: systemd grammars', () => {
  it('checks enums, accepting any boolean spelling where booleans are listed', () => {
    assertValid((v) => parseSystemdEnum(v, ['no', 'yes', 'strict', 'full']), ['strict', 'yes', 'TRUE', 'off']);
    assertProblems((v) => parseSystemdEnum(v, ['simple', 'notify']), { Simple: ['warning:Simple'] });
  });
  it('checks octal modes and listeners', () => {
    assertValid(parseOctalMode, ['0660', '600', '0', '07777']);
    assertProblems(parseOctalMode, { '0888': ['warning:0888'], 'rw-r--r--': ['warning:rw-r--r--'], '17777': ['warning:17777'] });
    assertValid(parseListenValue, ['8080', '0.0.0.0:80', '[::]:443', '/run/app.sock', '@abstract', 'vsock:2:1234']);
    assertProblems(parseListenValue, { '70000': ['warning:70000'], 'localhost:80': ['warning:localhost'] });
  });
  it('checks unit lists and Quadlet unit names in dependencies', () => {
    const unit = (key: string, inQuadlet: boolean, version = '5.8') => (v: string) => parseUnitList(v, key, inQuadlet, version);
    assertValid(unit('After', false), ['network-online.target', 'a.service b.socket', 'getty@%i.service']);
    assertValid(unit('Requires', true), ['db.container', 'data.volume']);
    assertProblems(unit('Requires', false), { 'db.container': ['warning:db.container'], junk: ['warning:junk'] });
    assertProblems(unit('WantedBy', true), { 'web.container': ['warning:web.container'], 'a/b.target': ['warning:a/b.target'] });
    // The generator creates Alias= links itself, relative paths included (fixture install.container).
    assertValid(unit('Alias', true), ['in/a/dir/alias3.service']);
    assertMessage(unit('Requires', true, '5.4'), 'data.volume', /data-volume\.service/);
    assertProblems(unit('Requires', true, '5.4'), { 'db.container': ['warning:db.container'] });
  });
});

describe('values: specifiers', () => {
  it('knows systemd specifiers, %% and a trailing %', () => {
    assert.deepEqual(checkSpecifiers('%h/%t/%i/%N %% 50%'), []);
    assert.deepEqual(checkSpecifiers('/data/%x').map((p) => [p.start, p.end, p.severity]), [[6, 8, 'error']]);
    assert.deepEqual(checkSpecifiers('%%x'), []);
  });
  it('treats specifiers and variables as unknown text', () => {
    assert.equal(hasExpansion('%h/data'), true);
    assert.equal(hasExpansion('${PORT}:80'), true);
    assert.equal(hasExpansion('$PORT'), true);
    assert.equal(hasExpansion('100%%'), false);
    assert.equal(onlyExpansions('%i'), true);
    assert.equal(onlyExpansions('${A}%i'), true);
    assert.equal(onlyExpansions('%i.pod'), false);
  });
});
