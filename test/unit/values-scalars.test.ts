// Booleans, integers, durations, sizes and signals.
import { describe, it } from 'node:test';
import { parsePodmanBool, parseSystemdBool } from '../../server/src/catalog/values/bool';
import { parseInteger } from '../../server/src/catalog/values/numbers';
import { parseGoDuration, parseSystemdTimespan } from '../../server/src/catalog/values/durations';
import { parsePodmanSize, parseSystemdSize } from '../../server/src/catalog/values/sizes';
import { parsePodmanSignal, parseSystemdSignal } from '../../server/src/catalog/values/signals';
import { assertMessage, assertProblems, assertValid } from '../helpers/values';

describe('values: booleans', () => {
  it('accepts what Podman reads as true or false', () => {
    assertValid(parsePodmanBool, ['yes', 'YES', 'true', 'True', 'on', '1', 'no', 'false', 'off', '0', 'n', 'f']);
  });
  it('warns about garbage, which Podman silently reads as false', () => {
    assertProblems(parsePodmanBool, { garbage: ['warning:garbage'], nope: ['warning:nope'], '2': ['warning:2'] });
    assertMessage(parsePodmanBool, 'garbage', /silently reads it as false/);
  });
  it('warns that y and t, true for systemd, are false for Podman (oracle: ReadOnly=y → --read-only=false in 5.4.2 and 5.8.6)', () => {
    assertProblems(parsePodmanBool, { y: ['warning:y'], t: ['warning:t'], Y: ['warning:Y'] });
    assertMessage(parsePodmanBool, 'y', /reads "y" as false/);
  });
  it('takes systemd\'s full set for systemd settings and warns about the rest', () => {
    assertValid(parseSystemdBool, ['yes', 'y', 't', 'true', 'on', '1', 'no', 'n', 'f', 'false', 'off', '0', 'YES']);
    assertProblems(parseSystemdBool, { foobar: ['warning:foobar'], enable: ['warning:enable'] });
  });
});

describe('values: integers', () => {
  it('accepts Go base-0 numbers for podman flags', () => {
    assertValid((v) => parseInteger(v, 'podman-uint'), ['0', '10', '0x1f', '0o17', '017', '0b101', '1_000']);
    assertValid((v) => parseInteger(v, 'podman-int'), ['-1', '4096', '+5']);
  });
  it('refuses what podman refuses', () => {
    assertProblems((v) => parseInteger(v, 'podman-uint'), { abc: ['error:abc'], '10s': ['error:10s'], '-1': ['error:-1'], '1.5': ['error:1.5'] });
    assertProblems((v) => parseInteger(v, 'podman-int'), { unlimited: ['error:unlimited'] });
  });
  it('warns where the generator silently uses 0 (oracle: [Volume] User=root → uid=0, Group=0x10 → gid=16)', () => {
    assertValid((v) => parseInteger(v, 'generator-uint'), ['0', '1000', '0x10']);
    assertProblems((v) => parseInteger(v, 'generator-uint'), { root: ['warning:root'], '1000:1000': ['warning:1000:1000'] });
  });
  it('warns for systemd numbers', () => {
    assertValid((v) => parseInteger(v, 'systemd'), ['5', '-20', '+3']);
    assertProblems((v) => parseInteger(v, 'systemd'), { five: ['warning:five'] });
  });
});

describe('values: durations', () => {
  it('accepts Go durations', () => {
    assertValid((v) => parseGoDuration(v, 'HealthTimeout'), ['30s', '1m30s', '500ms', '1h', '0', '1.5s', '2h45m', '300us', '10\u00b5s']);
  });
  it('refuses a bare number (missing unit) and other garbage', () => {
    assertProblems((v) => parseGoDuration(v, 'HealthTimeout'), { '30': ['error:30'], '5 min': ['error:5 min'], '1d': ['error:1d'], disable: ['error:disable'] });
    assertMessage((v) => parseGoDuration(v, 'RetryDelay'), '30', /write 30s/);
  });
  it('accepts "disable" for the interval keys only', () => {
    assertValid((v) => parseGoDuration(v, 'HealthInterval'), ['disable']);
    assertValid((v) => parseGoDuration(v, 'HealthStartupInterval'), ['disable']);
  });
  it('accepts systemd time spans and warns about others', () => {
    assertValid(parseSystemdTimespan, ['90', '5min 20s', '1h', '1.5h', '2weeks', 'infinity', '100ms', '1h30min', '3 s']);
    assertProblems(parseSystemdTimespan, { forever: ['warning:forever'], '5 minz': ['warning:5 minz'], '-5s': ['warning:-5s'] });
  });
});

describe('values: sizes', () => {
  it('accepts go-units sizes', () => {
    assertValid(parsePodmanSize, ['512m', '1g', '1G', '2gb', '1GiB', '100', '1.5g', '512 MB', '10k', '1b']);
  });
  it('refuses other units and garbage', () => {
    assertProblems(parsePodmanSize, { '1x': ['error:1x'], lots: ['error:lots'], '1gib2': ['error:1gib2'], '-1': ['error:-1'] });
  });
  it('warns about systemd sizes systemd cannot read', () => {
    assertValid(parseSystemdSize, ['512M', '1G', '1024', '50%', 'infinity', '1.5G']);
    assertProblems(parseSystemdSize, { '512m': ['warning:512m'], '1GB': ['warning:1GB'] });
    assertMessage(parseSystemdSize, '512m', /upper case: 512M/);
  });
});

describe('values: signals', () => {
  it('accepts podman signal names in any case, with or without SIG, and numbers', () => {
    assertValid(parsePodmanSignal, ['SIGTERM', 'TERM', 'sigint', 'hup', '15', '9', 'RTMIN+3', 'SIGRTMAX-2', 'SIGWINCH']);
  });
  it('refuses unknown signals', () => {
    assertProblems(parsePodmanSignal, { SIGFOO: ['error:SIGFOO'], '0': ['error:0'], '99': ['error:99'], 'RTMIN+20': ['error:RTMIN+20'] });
  });
  it('takes upper-case names for systemd and warns otherwise', () => {
    assertValid(parseSystemdSignal, ['SIGTERM', 'TERM', 'SIGKILL', '9', 'SIGRTMIN+1']);
    assertProblems(parseSystemdSignal, { sigterm: ['warning:sigterm'], SIGFOO: ['warning:SIGFOO'] });
    assertMessage(parseSystemdSignal, 'sigterm', /upper case: SIGTERM/);
  });
});
