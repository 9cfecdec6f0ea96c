// Durations. Podman's health-check and retry keys take Go durations (`30s`, `1m30s`, `500ms`; a
// bare number other than 0 is refused: "missing unit"). systemd settings take time spans
// (`90`, `5min 20s`, `1.5h`, `infinity`; a bare number counts as seconds).

import { ValueResult, whole } from './types';

const GO_UNIT = '(?:ns|us|\u00b5s|\u03bcs|ms|s|m|h)';
const GO_DURATION = new RegExp(`^[+-]?(?:0|(?:(?:\\d+(?:\\.\\d*)?|\\.\\d+)${GO_UNIT})+)$`);

/** Keys whose value may also be the word `disable` (podman turns the timer off). */
const DISABLE_OK = new Set(['HealthInterval', 'HealthStartupInterval']);

export function parseGoDuration(text: string, key: string): ValueResult {
  if (GO_DURATION.test(text)) return { problems: [] };
  if (DISABLE_OK.has(key) && text === 'disable') return { problems: [] };
  const hint = /^\d+(\.\d+)?$/.test(text)
    ? `"${text}" has no unit; podman refuses it when the unit starts (write ${text}s for seconds).`
    : `"${text}" is not a duration; podman refuses it when the unit starts (examples: 30s, 1m30s, 500ms).`;
  return { problems: [whole(text, 0, hint)] };
}

const SYSTEMD_UNITS = [
  'usec', 'us', '\u00b5s', '\u03bcs', 'nsec', 'ns', 'msec', 'ms', 'seconds', 'second', 'sec', 's', 'minutes', 'minute', 'min', 'm',
  'hours', 'hour', 'hr', 'h', 'days', 'day', 'd', 'weeks', 'week', 'w', 'months', 'month', 'M', 'years', 'year', 'y',
];
const SYSTEMD_PART = new RegExp(`^(?:\\d+(?:\\.\\d*)?|\\.\\d+)\\s*(?:${SYSTEMD_UNITS.join('|')})?$`);

/** systemd time span: components like `1h`, `30 min`, `10`, glued or separated by blanks. */
export function parseSystemdTimespan(text: string): ValueResult {
  if (text === 'infinity') return { problems: [] };
  const parts = text.match(/\s*(?:\d+(?:\.\d*)?|\.\d+)\s*[a-zA-Z\u00b5\u03bc]*/g);
  const joined = parts?.join('') ?? '';
  if (parts && joined === text && parts.every((p) => SYSTEMD_PART.test(p.trim()))) return { problems: [] };
  return { problems: [whole(text, 0, `"${text}" is not a systemd time span; systemd ignores this setting (examples: 90, 5min 20s, 1h).`, 'warning')] };
}
