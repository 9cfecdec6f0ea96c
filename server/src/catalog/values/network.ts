// Network=: a built-in mode (`none`, `host`, `private`, `bridge[:opts]`, `pasta[:args]`,
// `slirp4netns[:opts]`, `container:NAME`, `ns:PATH`), a Quadlet unit (`X.network[:opts]`,
// `X.container` from Podman 5.3, without options) or a podman network name (`name[:opts]`).
// Options of bridge networks are `ip=`, `ip6=`, `mac=`, `alias=`, `interface_name=` and driver options.

import { atLeast } from '../versions';
import { parseIp } from './net';
import { hasExpansion } from './specifiers';
import { ValueProblem, ValueResult, problem } from './types';

export type NetworkTarget =
  | { kind: 'mode'; mode: string }
  | { kind: 'quadlet-network'; unit: string }
  | { kind: 'quadlet-container'; unit: string }
  | { kind: 'container'; name: string }
  | { kind: 'namespace'; path: string }
  | { kind: 'name'; name: string };

export interface NetworkResult extends ValueResult {
  target?: NetworkTarget;
}

const NO_OPTIONS = ['none', 'host', 'private', 'default', 'pod'];
const WITH_ARGS = ['pasta', 'slirp4netns'];
export const NETWORK_MODES = [...NO_OPTIONS, 'bridge', ...WITH_ARGS];
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const MAC = /^[0-9a-fA-F]{2}([:-][0-9a-fA-F]{2}){5}$/;
const CONTAINER_SINCE = '5.3';

/** Checks `ip=`, `ip6=`, `mac=`, `alias=`, `interface_name=` options of a bridge network. */
function checkBridgeOptions(opts: string, offset: number): ValueProblem[] {
  const out: ValueProblem[] = [];
  let at = offset;
  for (const opt of opts.split(',')) {
    const eq = opt.indexOf('=');
    const name = eq === -1 ? opt : opt.slice(0, eq);
    const value = eq === -1 ? '' : opt.slice(eq + 1);
    const valueStart = at + name.length + 1;
    if (!hasExpansion(value)) {
      if ((name === 'ip' || name === 'ip6') && !parseIp(value)) out.push(problem(valueStart, valueStart + value.length, `"${value}" is not an IP address; podman refuses this network option.`));
      if (name === 'mac' && !MAC.test(value)) out.push(problem(valueStart, valueStart + value.length, `"${value}" is not a MAC address; podman refuses this network option.`));
      if ((name === 'alias' || name === 'interface_name') && value === '') out.push(problem(at, at + opt.length, `${name}= needs a value; podman refuses an empty one.`));
    }
    at += opt.length + 1;
  }
  return out;
}

export function parseNetwork(value: string, version: string): NetworkResult {
  const colon = value.indexOf(':');
  const head = colon === -1 ? value : value.slice(0, colon);
  const opts = colon === -1 ? undefined : value.slice(colon + 1);
  const optsStart = colon + 1;
  const problems: ValueProblem[] = [];
  if (head.endsWith('.container')) {
    const target: NetworkTarget = { kind: 'quadlet-container', unit: head };
    if (opts !== undefined) problems.push(problem(colon, value.length, 'the generator refuses options when joining another container\'s network (remove everything from ":").'));
    if (!atLeast(version, CONTAINER_SINCE)) problems.push(problem(0, head.length, `joining a Quadlet container's network (${head}) needs Podman ${CONTAINER_SINCE} or newer.`, 'error', CONTAINER_SINCE));
    return { problems, target };
  }
  if (head.endsWith('.network')) {
    if (opts) problems.push(...checkBridgeOptions(opts, optsStart));
    return { problems, target: { kind: 'quadlet-network', unit: head } };
  }
  if (NO_OPTIONS.includes(head)) {
    if (opts !== undefined) problems.push(problem(colon, value.length, `network mode "${head}" takes no options; podman reads "${value}" as a network named "${head}" and fails.`));
    return { problems, target: { kind: 'mode', mode: head } };
  }
  if (WITH_ARGS.includes(head)) return { problems, target: { kind: 'mode', mode: head } };
  if (head === 'bridge') {
    if (opts) problems.push(...checkBridgeOptions(opts, optsStart));
    return { problems, target: { kind: 'mode', mode: head } };
  }
  if (head === 'container') {
    if (!opts) problems.push(problem(0, value.length, 'container: needs the name or ID of the container whose network to join.'));
    return { problems, target: { kind: 'container', name: opts ?? '' } };
  }
  if (head === 'ns') {
    if (!opts || (!opts.startsWith('/') && !hasExpansion(opts))) problems.push(problem(0, value.length, 'ns: needs the absolute path of a network namespace (e.g. ns:/run/netns/blue).'));
    return { problems, target: { kind: 'namespace', path: opts ?? '' } };
  }
  if (head === '') {
    problems.push(problem(0, value.length, 'the network name before ":" is empty; podman refuses it.'));
    return { problems };
  }
  if (!hasExpansion(head) && !head.split(',').every((n) => NAME.test(n))) {
    problems.push(problem(0, head.length, `"${head}" is not a valid network name (letters, digits, "_", "." and "-", starting with a letter or digit); podman refuses it.`));
  }
  if (opts) problems.push(...checkBridgeOptions(opts, optsStart));
  return { problems, target: { kind: 'name', name: head } };
}
