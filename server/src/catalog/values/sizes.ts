// Sizes. Podman's --memory and --shm-size parse like go-units RAMInBytes: a number, an optional
// blank, then an optional unit b, k, m, g, t or p (any case, optionally followed by b or ib; powers
// of 1024). systemd sizes use K, M, G, T, P, E (powers of 1024), and many settings also take a
// percentage or `infinity`.

import { ValueResult, whole } from './types';

const PODMAN_SIZE = /^(?:\d+(?:\.\d*)?|\.\d+) ?(?:[bB]|[kmgtpKMGTP](?:[bB]|[iI][bB])?)?$/;

export function parsePodmanSize(text: string): ValueResult {
  if (PODMAN_SIZE.test(text)) return { problems: [] };
  return { problems: [whole(text, 0, `"${text}" is not a size; podman refuses it when the unit starts (examples: 512m, 1g, 2gb).`)] };
}

const SYSTEMD_SIZE = /^(?:\d+(?:\.\d+)?\s*[KMGTPEB]?|\d+(?:\.\d+)?%|infinity)$/;

export function parseSystemdSize(text: string): ValueResult {
  if (SYSTEMD_SIZE.test(text)) return { problems: [] };
  const lower = /^\d+(?:\.\d+)?\s*[kmgtpe]$/.test(text) ? ` (systemd units are upper case: ${text.slice(0, -1)}${text.slice(-1).toUpperCase()})` : '';
  return { problems: [whole(text, 0, `"${text}" is not a size systemd understands${lower}; it ignores this setting.`, 'warning')] };
}
