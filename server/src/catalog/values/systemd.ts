// Grammars of systemd's own settings (in .socket/.service/.timer files and in the [Unit],
// [Service], [Install] sections of quadlets). systemd logs and ignores a setting it cannot parse,
// so these are warnings — except where the generator itself refuses the value (see
// service-restrictions.ts) or where nothing would be left for systemd to run.

import { QUADLET_TYPES } from '../filetypes';
import { atLeast } from '../versions';
import { parseListen } from './ports';
import { splitStrv } from './lists';
import { hasExpansion } from './specifiers';
import { ValueProblem, ValueResult, problem, whole } from './types';

const BOOLEAN_WORDS = ['1', 'yes', 'y', 'true', 't', 'on', '0', 'no', 'n', 'false', 'f', 'off'];

/** An enum of the catalogue; enums whose list holds the boolean words take any boolean spelling. */
export function parseSystemdEnum(value: string, values: string[]): ValueResult {
  if (values.includes(value)) return { problems: [] };
  if (values.includes('yes') && BOOLEAN_WORDS.includes(value.toLowerCase())) return { problems: [] };
  const listed = values.filter((v) => !BOOLEAN_WORDS.includes(v) || v === 'yes' || v === 'no');
  return { problems: [whole(value, 0, `"${value}" is not one of ${listed.join(', ')}; systemd ignores this setting.`, 'warning')] };
}

/** SocketMode=, UMask=, *DirectoryMode=: an octal mode up to 07777. */
export function parseOctalMode(value: string): ValueResult {
  if (/^[0-7]{1,5}$/.test(value) && parseInt(value, 8) <= 0o7777) return { problems: [] };
  return { problems: [whole(value, 0, `"${value}" is not an octal file mode (e.g. 0660); systemd ignores this setting.`, 'warning')] };
}

/** ListenStream=, ListenDatagram=, ListenSequentialPacket=. */
export function parseListenValue(value: string): ValueResult {
  const spec = parseListen(value);
  if (spec.kind !== 'invalid') return { problems: [] };
  return { problems: [problem(spec.piece.start, spec.piece.end, `${spec.message}; systemd ignores this listener.`, 'warning')] };
}

const UNIT_SUFFIXES = ['service', 'socket', 'target', 'timer', 'mount', 'automount', 'swap', 'path', 'slice', 'scope', 'device'];
const UNIT_NAME = /^[A-Za-z0-9:_.\\@-]+$/;
/** [Unit] keys whose Quadlet unit names the 5.5+ generator translates to service names (completion and inlay hints use it too). */
export const TRANSLATED = new Set(['After', 'Before', 'BindsTo', 'Conflicts', 'OnFailure', 'OnSuccess', 'PartOf', 'PropagatesReloadTo', 'PropagatesStopTo', 'ReloadPropagatedFrom', 'Requires', 'Requisite', 'StopPropagatedFrom', 'Upholds', 'Wants']);
export const TRANSLATION_SINCE = '5.5';
const INSTALL_LINKS = new Set(['WantedBy', 'RequiredBy', 'UpheldBy']);

/**
 * A blank-separated list of unit names. In a quadlet, names like `db.container` are translated by
 * the generator (from 5.5, [Unit] dependencies only); elsewhere systemd knows no such unit.
 */
export function parseUnitList(value: string, key: string, inQuadlet: boolean, version: string): ValueResult {
  const { words, problems } = splitStrv(value);
  const out: ValueProblem[] = [...problems];
  for (const w of words) {
    if (hasExpansion(w.text)) continue;
    if (inQuadlet && w.text.includes('/')) {
      // The generator makes the [Install] symlinks itself: an Alias= may be a relative path of the
      // link; WantedBy=/RequiredBy=/UpheldBy= values with "/" are skipped.
      if (INSTALL_LINKS.has(key)) out.push(problem(w.start, w.end, `the generator ignores ${key}= values containing "/"; name the unit only.`, 'warning'));
      if (key === 'Alias' || INSTALL_LINKS.has(key)) continue;
    }
    const dot = w.text.lastIndexOf('.');
    const suffix = dot === -1 ? '' : w.text.slice(dot + 1);
    if ((QUADLET_TYPES as readonly string[]).includes(suffix)) {
      const service = suffix === 'container' || suffix === 'kube' ? `${w.text.slice(0, dot)}.service` : `${w.text.slice(0, dot)}-${suffix}.service`;
      if (!inQuadlet || !TRANSLATED.has(key)) {
        out.push(problem(w.start, w.end, `systemd has no unit named ${w.text}${inQuadlet ? ' (the generator translates Quadlet names only in [Unit] dependencies)' : ''}; write ${service}.`, 'warning'));
      } else if (!atLeast(version, TRANSLATION_SINCE)) {
        // Not a version error: the older generator accepts the file; systemd then drops the dependency.
        out.push(problem(w.start, w.end, `Podman ${version} passes ${w.text} to systemd unchanged (the translation to ${service} arrived in ${TRANSLATION_SINCE}); systemd knows no such unit and ignores it. Write ${service}.`, 'warning'));
      }
      continue;
    }
    if (!UNIT_SUFFIXES.includes(suffix) || !UNIT_NAME.test(w.text)) {
      out.push(problem(w.start, w.end, `"${w.text}" is not a unit name (name.service, name.socket, name.target, …); systemd ignores it.`, 'warning'));
    }
  }
  return { problems: out };
}
