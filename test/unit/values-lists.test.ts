// Word lists: Environment=/Label= (key=value), Sysctl=, LogOpt=, capabilities, and the splitting
// problems that make the generator drop a whole line.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseKeyValueList, parseOptionWords, parseSysctls } from '../../server/src/catalog/values/keyvalue';
import { parseCapabilities } from '../../server/src/catalog/values/capabilities';
import { splitStrv } from '../../server/src/catalog/values/lists';
import { assertMessage, assertProblems, assertValid } from '../helpers/values';

const env58 = (v: string) => parseKeyValueList(v, 'env', '5.8');
const env54 = (v: string) => parseKeyValueList(v, 'env', '5.4');
const label58 = (v: string) => parseKeyValueList(v, 'label', '5.8');
const label54 = (v: string) => parseKeyValueList(v, 'label', '5.4');

describe('values: key=value lists', () => {
  it('accepts assignments, quoted values and escapes', () => {
    assertValid(env58, ['A=1', 'A=1 B=2', 'MSG="hello world"', "MSG='a b' X=y", '"MSG=hello world"', 'PATH=/bin:/usr/bin', 'EMPTY=', 'A=\\x41']);
    assertValid(label54, ['app=web tier=front', 'org.opencontainers.image.title="My app"']);
  });
  it('warns about the unquoted blank trap (oracle: Environment=A=hello world → 5.4.2 --env A=hello; 5.8.6 --env A=hello --env world)', () => {
    assertProblems(env58, { 'A=hello world': ['warning:world'] });
    assertProblems(env54, { 'A=hello world': ['warning:world'] });
    assertMessage(env58, 'A=hello world', /A="hello world"/);
  });
  it('warns that a word without "=" is dropped before 5.6 and passes it from 5.6 on (oracle: Label=novalue → --label novalue in 5.8.6, dropped in 5.4.2)', () => {
    assertProblems(label54, { novalue: ['warning:novalue'] });
    assertValid(label58, ['novalue']);
    assertValid(env58, ['HOME']);
    assertMessage(label54, 'novalue', /before 5\.6 silently drops/);
  });
  it('warns about an unsupported escape, which drops the whole line (oracle: 5.8.6 prints "unsupported escape char")', () => {
    assertProblems(env58, { 'A=1 B=\\q': ['warning:\\q'] });
    assertMessage(env58, 'A=\\q', /drops this whole line/);
  });
  it('warns about a name-less assignment', () => {
    assertProblems(env58, { '=x': ['warning:=x'] });
  });
  it('warns about systemd Environment= words without "="', () => {
    assertProblems((v) => parseKeyValueList(v, 'systemd-env', '5.8'), { 'A=1 junk': ['warning:junk'], junk: ['warning:junk'] });
  });
  it('returns the pairs', () => {
    const r = env58('A=1 "B=two words" C');
    assert.deepEqual(r.pairs.map((p) => [p.key, p.value]), [['A', '1'], ['B', 'two words'], ['C', undefined]]);
  });
});

describe('values: Sysctl and LogOpt', () => {
  it('accepts namespaced sysctls, also comma-separated', () => {
    assertValid(parseSysctls, ['net.ipv4.ip_forward=1', 'net.core.somaxconn=1024 kernel.shmmax=1000', 'fs.mqueue.msg_max=10,net.ipv4.tcp_syncookies=1']);
  });
  it('refuses other sysctls and words without "="', () => {
    assertProblems(parseSysctls, { 'vm.swappiness=10': ['error:vm.swappiness'], 'net.ipv4.ip_forward': ['error:net.ipv4.ip_forward'] });
  });
  it('needs NAME=VALUE for log options', () => {
    assertValid(parseOptionWords, ['tag=web max-size=10m']);
    assertProblems(parseOptionWords, { 'tag=web compress': ['error:compress'] });
  });
});

describe('values: capabilities', () => {
  it('accepts names with or without CAP_, in any case, ALL, and comma lists', () => {
    assertValid(parseCapabilities, ['NET_BIND_SERVICE', 'CAP_NET_ADMIN', 'cap_sys_admin', 'sys_ptrace', 'ALL', 'all', 'CHOWN SETUID', 'NET_RAW,SYS_TIME', '"CAP_BPF"']);
  });
  it('refuses unknown capabilities at their exact place', () => {
    assertProblems(parseCapabilities, { 'NET_ADMIN CAP_BOGUS': ['error:CAP_BOGUS'], 'NET_RAW,FOO': ['error:FOO'] });
  });
  it('warns when an unclosed quote makes the generator drop the line (oracle: AddCapability="CAP_X CAP_Y vanishes)', () => {
    assertProblems(parseCapabilities, { '"CAP_X CAP_Y': ['warning:"CAP_X CAP_Y'] });
  });
  it('keeps backslashes literally in strv mode', () => {
    assert.deepEqual(splitStrv('a\\q "b c"').words.map((w) => w.text), ['a\\q', 'b c']);
  });
});
