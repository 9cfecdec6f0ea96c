// Integers. Podman's command-line flags parse numbers like Go's strconv with base 0 (decimal,
// 0x hex, 0o/0 octal, 0b binary, `_` between digits) and refuse anything else when the unit starts.
// A few keys are read by the generator itself (LookupUint32), which silently turns garbage into 0.

import { ValueResult, whole } from './types';

const GO_INT = /^[+-]?(0[xX](_?[0-9a-fA-F])+|0[bB](_?[01])+|0[oO]?(_?[0-7])*|[1-9](_?\d)*)$/;

export type IntFlavour =
  /** A podman flag taking a signed integer (`-1` often means "unlimited"). */
  | 'podman-int'
  /** A podman flag taking an unsigned integer. */
  | 'podman-uint'
  /** Read by the generator: anything but a number silently becomes 0. */
  | 'generator-uint'
  /** A systemd setting: a plain decimal number; systemd ignores the setting otherwise. */
  | 'systemd';

/** Which keys are read how; keys not listed are podman unsigned flags. */
const FLAVOURS: Record<string, IntFlavour> = {
  'Container.PidsLimit': 'podman-int',
  'Pod.StopTimeout': 'podman-int',
  'Container.RemapUidSize': 'generator-uint',
  'Kube.RemapUidSize': 'generator-uint',
  'Pod.RemapUidSize': 'generator-uint',
  'Volume.User': 'generator-uint',
  'Volume.Group': 'generator-uint',
};

export function intFlavour(section: string, key: string, origin: 'quadlet' | 'systemd'): IntFlavour {
  if (origin === 'systemd') return 'systemd';
  return FLAVOURS[`${section}.${key}`] ?? 'podman-uint';
}

export interface IntResult extends ValueResult {
  value?: number;
}

function goValue(text: string): number {
  const t = text.replace(/_/g, '');
  const neg = t.startsWith('-');
  const body = t.replace(/^[+-]/, '');
  let n: number;
  if (/^0[xX]/.test(body)) n = parseInt(body.slice(2), 16);
  else if (/^0[bB]/.test(body)) n = parseInt(body.slice(2), 2);
  else if (/^0[oO]/.test(body)) n = parseInt(body.slice(2), 8);
  else if (/^0\d/.test(body)) n = parseInt(body.slice(1), 8);
  else n = Number(body);
  return neg ? -n : n;
}

export function parseInteger(text: string, flavour: IntFlavour): IntResult {
  if (flavour === 'systemd') {
    if (/^[+-]?\d+$/.test(text)) return { value: Number(text), problems: [] };
    return { problems: [whole(text, 0, `"${text}" is not a whole number; systemd ignores this setting.`, 'warning')] };
  }
  if (flavour === 'generator-uint') {
    // The generator parses like strtoul: a number (decimal, 0x hex, leading-0 octal) or nothing.
    if (/^(0[xX][0-9a-fA-F]+|\d+)$/.test(text)) return { value: goValue(text), problems: [] };
    return { value: 0, problems: [whole(text, 0, `"${text}" is not a number; the generator silently uses 0 instead.`, 'warning')] };
  }
  if (!GO_INT.test(text)) return { problems: [whole(text, 0, `"${text}" is not a whole number; podman refuses it when the unit starts.`)] };
  const value = goValue(text);
  if (flavour === 'podman-uint' && value < 0) return { value, problems: [whole(text, 0, `"${text}" is negative; podman expects a number of 0 or more and refuses it.`)] };
  return { value, problems: [] };
}
