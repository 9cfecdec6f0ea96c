// The network a container, pod or kube unit joins, from `Network=` and from `--network`/`--net`
// inside `PodmanArgs=` (which Podman receives after the generator's own arguments, so it comes
// last). Among several values the last special mode (host, none, another container's namespace)
// decides, as with repeated `--network` options on the podman command line.

import { MAIN_SECTION } from '../catalog/filetypes';
import { Range, valuePieceRange } from '../syntax/model';
import { ParsedUnit } from './files';
import { podmanArgsOf } from './podman-args';
import { UnitView } from './unit-view';

export type NetworkMode = 'host' | 'none' | 'container' | 'ns' | 'private' | 'pasta' | 'slirp4netns' | 'bridge' | 'named';

export interface NetworkSetting {
  mode: NetworkMode;
  value: string;
  source: 'Network' | 'PodmanArgs';
  /** The unit (file or drop-in) that wrote it. */
  unit: ParsedUnit;
  /** The key (`Network`) or the option word (`--network=host`). */
  keyRange: Range;
  /** The value (of `Network=`, or of the option inside PodmanArgs). */
  range: Range;
}

export function networkModeOf(value: string): NetworkMode {
  const head = value.split(':')[0];
  if (head === 'host' || head === 'none' || head === 'private' || head === 'pasta' || head === 'slirp4netns' || head === 'bridge' || head === 'ns') return head;
  if (head === 'container' || head.endsWith('.container')) return 'container';
  return 'named';
}

const SPECIAL: ReadonlySet<NetworkMode> = new Set(['host', 'none', 'container']);

const NONE: NetworkSetting[] = Object.freeze([]) as unknown as NetworkSetting[];
const perView = new WeakMap<UnitView, NetworkSetting[]>();

/** Network settings of a container, pod or kube unit in the order Podman sees them (once per view; shared: do not mutate). */
export function networkSettings(view: UnitView): NetworkSetting[] {
  let settings = perView.get(view);
  if (!settings) perView.set(view, (settings = computeNetworkSettings(view)));
  return settings;
}

function computeNetworkSettings(view: UnitView): NetworkSetting[] {
  const type = view.type;
  if (type !== 'container' && type !== 'pod' && type !== 'kube') return NONE;
  const section = MAIN_SECTION[type];
  const networks = view.values(section, 'Network');
  const args = podmanArgsOf(view, section);
  if (networks.length === 0 && args.length === 0) return NONE;
  const out: NetworkSetting[] = [];
  for (const { entry, unit } of networks) {
    if (entry.templated) continue;
    const value = entry.value.trim();
    out.push({ mode: networkModeOf(value), value, source: 'Network', unit, keyRange: entry.keyRange, range: valuePieceRange(entry, 0, entry.value.length) });
  }
  for (const o of args) {
    if (o.option !== 'network') continue;
    out.push({ mode: networkModeOf(o.value), value: o.value, source: 'PodmanArgs', unit: o.unit, keyRange: o.optionRange, range: o.range });
  }
  return out;
}

/** The setting that decides the network mode when it is host, none or another container's; else undefined. */
export function specialNetwork(settings: NetworkSetting[]): NetworkSetting | undefined {
  for (let i = settings.length - 1; i >= 0; i--) if (SPECIAL.has(settings[i].mode)) return settings[i];
  return undefined;
}
