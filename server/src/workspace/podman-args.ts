// Options quadlet-ls understands inside `PodmanArgs=`: `-p`/`--publish` (a port mapping),
// `--network`/`--net` (counts as `Network=` for every rule), `--publish-all`, and the options the
// security rules look at: `--privileged`, `--cap-add`, `--security-opt`, `-v`/`--volume`. PodmanArgs is split
// like an exec line (quotes removed, escapes decoded); a line with a bad escape is dropped by Podman,
// so it yields nothing here either.

import { Entry, Range, valuePieceRange } from '../syntax/model';
import { splitWords } from '../syntax/words';
import { ParsedUnit } from './files';
import { UnitView } from './unit-view';

export interface PodmanArgOption {
  option: 'publish' | 'network' | 'publish-all' | 'privileged' | 'cap-add' | 'security-opt' | 'volume';
  /** The option's value as Podman receives it ('' for the boolean flags publish-all and privileged). */
  value: string;
  entry: Entry;
  /** The unit (file or drop-in) that wrote the PodmanArgs line. */
  unit: ParsedUnit;
  /** Offsets of the value in `entry.value` when they are exact (the raw text equals the decoded text). */
  valueStart?: number;
  /** Range of the value (or of the whole word when offsets are not exact). */
  range: Range;
  /** Range of the option word itself (`-p`, `--network=host`). */
  optionRange: Range;
}

const PUBLISH = new Set(['-p', '--publish']);
const NETWORK = new Set(['--network', '--net']);
const WITH_VALUE = new Map<string, PodmanArgOption['option']>([['--cap-add', 'cap-add'], ['--security-opt', 'security-opt'], ['-v', 'volume'], ['--volume', 'volume']]);
/** Boolean flags: `--flag` or `--flag=true|false` (never the next word). */
const BOOLEAN = new Map<string, PodmanArgOption['option']>([['--publish-all', 'publish-all'], ['--privileged', 'privileged']]);

function optionOf(flag: string): PodmanArgOption['option'] | undefined {
  if (PUBLISH.has(flag)) return 'publish';
  if (NETWORK.has(flag)) return 'network';
  return BOOLEAN.get(flag) ?? WITH_VALUE.get(flag);
}

/** The options of one PodmanArgs entry. */
export function podmanArgOptions(entry: Entry, unit: ParsedUnit): PodmanArgOption[] {
  if (entry.templated) return [];
  const { words, problems } = splitWords(entry.value);
  if (problems.some((p) => p.message.startsWith('unsupported escape'))) return [];
  const out: PodmanArgOption[] = [];
  const piece = (start: number, end: number) => valuePieceRange(entry, start, end);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const raw = entry.value.slice(w.start, w.end);
    const exact = raw === w.text;
    const eq = w.text.indexOf('=');
    const flag = eq === -1 ? w.text : w.text.slice(0, eq);
    const option = optionOf(flag);
    if (!option) continue;
    const optionRange = piece(w.start, w.end);
    if (BOOLEAN.has(flag)) {
      if (eq === -1 || /^(true|1)$/i.test(w.text.slice(eq + 1))) out.push({ option, value: '', entry, unit, range: optionRange, optionRange });
      continue;
    }
    if (eq !== -1) {
      const valueStart = exact ? w.start + eq + 1 : undefined;
      const range = valueStart === undefined ? optionRange : piece(valueStart, w.end);
      out.push({ option, value: w.text.slice(eq + 1), entry, unit, valueStart, range, optionRange });
      continue;
    }
    const next = words[i + 1];
    if (!next) continue;
    i++;
    const nextExact = entry.value.slice(next.start, next.end) === next.text;
    out.push({ option, value: next.text, entry, unit, valueStart: nextExact ? next.start : undefined, range: piece(next.start, next.end), optionRange });
  }
  return out;
}

const NONE: PodmanArgOption[] = Object.freeze([]) as unknown as PodmanArgOption[];
const perView = new WeakMap<UnitView, Map<string, PodmanArgOption[]>>();

/**
 * Every understood option of a unit's PodmanArgs lines (file and drop-ins, resets applied).
 * Computed once per view and section (six rules and the inventories ask); shared: do not mutate.
 */
export function podmanArgsOf(view: UnitView, section: string): PodmanArgOption[] {
  const lines = view.values(section, 'PodmanArgs');
  if (lines.length === 0) return NONE;
  let bySection = perView.get(view);
  if (!bySection) perView.set(view, (bySection = new Map()));
  let options = bySection.get(section);
  if (!options) bySection.set(section, (options = lines.flatMap((e) => podmanArgOptions(e.entry, e.unit))));
  return options;
}
