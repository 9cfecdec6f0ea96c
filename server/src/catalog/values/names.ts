// Names: podman object names (ContainerName=, PodName=, VolumeName=, NetworkName=), ServiceName=
// and Timezone=. Specifiers inside a name expand to unknown text, so only the rest is checked.

import { PODMAN_NAME } from './volume';
import { ValueResult, whole } from './types';

/** The name with every specifier replaced by a letter, so the character rules still apply. */
function withoutSpecifiers(text: string): string {
  return text.replace(/%%/g, '_').replace(/%./g, 'a');
}

export function parsePodmanName(text: string, key: string): ValueResult {
  if (PODMAN_NAME.test(withoutSpecifiers(text))) return { problems: [] };
  return { problems: [whole(text, 0, `"${text}" is not a valid ${key.replace(/Name$/, '').toLowerCase()} name (letters, digits, "_", "." and "-", starting with a letter or digit); podman refuses it.`)] };
}

/** ServiceName=: the unit name without `.service`, which the generator appends. */
export function parseServiceName(text: string): ValueResult {
  if (text.endsWith('.service')) {
    return { problems: [whole(text, 0, `the generator appends ".service" itself, so this unit becomes ${text}.service; write ${text.slice(0, -'.service'.length)}.`, 'warning')] };
  }
  if (!/^[A-Za-z0-9:_.\\@-]+$/.test(text)) {
    return { problems: [whole(text, 0, `"${text}" has characters systemd does not allow in unit names (letters, digits, ":", "_", ".", "\\\\", "@", "-"); the generated unit would not load.`, 'warning')] };
  }
  return { problems: [] };
}

/** Timezone=: `local` or a zone name such as Europe/Berlin (podman looks it up when the unit starts). */
export function parseTimezone(text: string): ValueResult {
  if (text === 'local' || /^[A-Za-z0-9_+-]+(\/[A-Za-z0-9_+-]+)*$/.test(text)) return { problems: [] };
  return { problems: [whole(text, 0, `"${text}" is not a time zone name (local, UTC, Europe/Berlin, …); podman refuses it when the unit starts.`)] };
}
