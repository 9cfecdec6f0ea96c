// Booleans. systemd accepts 1/yes/y/true/t/on and 0/no/n/false/f/off (any case) and ignores a
// setting with anything else. Podman's generator reads only 1/yes/true/on (any case) as true and
// everything else, silently, as false — so `y` and `t`, true for systemd, are false for Podman.

import { ValueResult, whole } from './types';

const SYSTEMD_TRUE = ['1', 'yes', 'y', 'true', 't', 'on'];
const SYSTEMD_FALSE = ['0', 'no', 'n', 'false', 'f', 'off'];
const PODMAN_TRUE = ['1', 'yes', 'true', 'on'];

export interface BoolResult extends ValueResult {
  /** What the consumer makes of the value (Podman: never undefined). */
  value?: boolean;
}

export function parseSystemdBool(text: string): BoolResult {
  const v = text.toLowerCase();
  if (SYSTEMD_TRUE.includes(v)) return { value: true, problems: [] };
  if (SYSTEMD_FALSE.includes(v)) return { value: false, problems: [] };
  return { problems: [whole(text, 0, `"${text}" is not a boolean; systemd ignores this setting (use yes or no).`, 'warning')] };
}

/** A boolean as Podman's generator reads it. Garbage is not refused: it silently means false. */
export function parsePodmanBool(text: string): BoolResult {
  const v = text.toLowerCase();
  if (PODMAN_TRUE.includes(v)) return { value: true, problems: [] };
  if (SYSTEMD_FALSE.includes(v)) return { value: false, problems: [] };
  const message = SYSTEMD_TRUE.includes(v)
    ? `Podman reads "${text}" as false (only 1, yes, true and on are true); write yes.`
    : `"${text}" is not a boolean; Podman silently reads it as false (use yes or no).`;
  return { value: false, problems: [whole(text, 0, message, 'warning')] };
}
