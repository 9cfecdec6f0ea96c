// Health-check keys with a grammar of their own. HealthCmd= is either a command run by a shell,
// `none`, or a JSON array (exec form); podman silently splits a broken JSON array at blanks.
// HealthLogDestination= is `local`, `events_logger` or an existing absolute directory.

import { ValueResult, whole } from './types';

export function parseHealthCmd(text: string): ValueResult {
  if (!text.trimStart().startsWith('[')) return { problems: [] };
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return { problems: [] };
  } catch {
    // fall through to the warning
  }
  return { problems: [whole(text, 0, 'this looks like an exec-form JSON array but is not valid JSON (double quotes, commas); podman splits it at blanks instead.', 'warning')] };
}

export function parseHealthLogDestination(text: string): ValueResult {
  if (text === 'local' || text === 'events_logger' || text.startsWith('/') || text.startsWith('%')) return { problems: [] };
  return { problems: [whole(text, 0, `"${text}" is not local, events_logger or an absolute directory; podman refuses it when the unit starts.`)] };
}
