// How a container could reach a service on the host's loopback, from its network settings
// (Network= and --network in PodmanArgs) and its scope. Facts (docs/security.md):
// - With its own network namespace, 127.0.0.1 inside a container is the container itself.
// - Rootless pasta (the default from Podman 5.0) reaches the host's loopback only when asked:
//   `--map-host-loopback ADDR` maps ADDR to it. slirp4netns (the default before 5.0) does with
//   `allow_host_loopback=true`, as 10.0.2.2.
// - A rootless bridge network (a .network unit, a named network) runs behind one shared pasta
//   that Podman starts without that mapping, so its containers cannot use it.
// - pasta and slirp4netns are rootless only; a rootful container sits on a bridge by default.

import { atLeast } from '../catalog/versions';
import { networkSettings, specialNetwork } from './network-mode';
import { UnitView } from './unit-view';

export type HostReach =
  /** Loopback is the host's own (Network=host), another container's, or a namespace's made elsewhere. */
  | { kind: 'shared' }
  /** A pod member: the pod's containers share one loopback and may listen on it unpublished. */
  | { kind: 'pod' }
  | { kind: 'pasta' }
  | { kind: 'slirp4netns' }
  /** On a bridge network (`network` as written: `webapp.network`, `podman`). */
  | { kind: 'bridge'; network: string }
  | { kind: 'rootful' };

export function isRootful(view: UnitView): boolean {
  return view.scope.owner === 'root' || view.scope.rootless === false;
}

export function hostReach(view: UnitView, podmanVersion: string): HostReach {
  if ((view.last('Container', 'Pod')?.entry.value.trim() ?? '') !== '') return { kind: 'pod' };
  const settings = networkSettings(view);
  const special = specialNetwork(settings);
  // ns:PATH joins a namespace made elsewhere: whose loopback that is cannot be known here.
  if (special?.mode === 'host' || special?.mode === 'container' || settings.some((s) => s.mode === 'ns')) return { kind: 'shared' };
  if (isRootful(view)) return { kind: 'rootful' };
  // Several Network= lines join several networks; one bridge among them decides.
  const bridge = settings.find((s) => s.mode === 'named' || s.mode === 'bridge');
  if (bridge && special?.mode !== 'none') return { kind: 'bridge', network: bridge.value.split(':')[0] };
  const last = settings.filter((s) => s.mode !== 'none').pop();
  if (last?.mode === 'slirp4netns') return { kind: 'slirp4netns' };
  if (last?.mode === 'pasta') return { kind: 'pasta' };
  return { kind: atLeast(podmanVersion, '5.0') ? 'pasta' : 'slirp4netns' };
}

/** The name Podman gives the container: ContainerName=, else `systemd-<unit name>`. */
export function containerName(view: UnitView): string {
  const set = view.last('Container', 'ContainerName')?.entry.value.trim();
  if (set) return set;
  const dot = view.name.lastIndexOf('.');
  return `systemd-${dot > 0 ? view.name.slice(0, dot) : view.name}`;
}
