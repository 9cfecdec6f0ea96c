// The model behind the VS Code "Quadlet Ports" view (the client bundles this module), free of
// VS Code types so it can be tested: host → endpoint (`address:port/proto`) → listeners.

import type { PortRow } from './ports-registry';

export type PortRowDto = PortRow & { uri: string };

export interface EndpointNode {
  kind: 'endpoint';
  host: string;
  /** `127.0.0.1:8080/tcp`, `*:random/udp`. */
  label: string;
  rows: PortRowDto[];
  conflict: boolean;
  public: boolean;
  privileged: boolean;
  /** Podman never binds it (pod member, host/none network, shadowed file). */
  inactive: boolean;
}

export interface HostNode {
  kind: 'host';
  host: string;
  endpoints: EndpointNode[];
  listeners: number;
  conflicts: number;
  publicBinds: number;
}

const INACTIVE = new Set(['pod-member', 'host-network', 'none-network', 'container-network', 'shadowed']);

/** Groups registry rows (already sorted by host and port) into the tree. */
export function buildPortTree(rows: PortRowDto[]): HostNode[] {
  const hosts = new Map<string, HostNode>();
  for (const r of rows) {
    let host = hosts.get(r.host);
    if (!host) hosts.set(r.host, (host = { kind: 'host', host: r.host, endpoints: [], listeners: 0, conflicts: 0, publicBinds: 0 }));
    const label = `${r.address}:${r.port}/${r.protocol}`;
    let ep = host.endpoints.find((e) => e.label === label);
    if (!ep) host.endpoints.push((ep = { kind: 'endpoint', host: r.host, label, rows: [], conflict: false, public: false, privileged: false, inactive: true }));
    ep.rows.push(r);
    ep.conflict ||= r.flags.includes('conflict');
    ep.public ||= r.flags.includes('public');
    ep.privileged ||= r.flags.includes('privileged');
    ep.inactive &&= r.flags.some((f) => INACTIVE.has(f));
    host.listeners++;
    if (r.flags.includes('conflict')) host.conflicts++;
    if (r.flags.includes('public')) host.publicBinds++;
  }
  return [...hosts.values()];
}

/** Short words for an endpoint's description: "conflict · public". */
export function endpointDescription(ep: EndpointNode): string {
  const words: string[] = [];
  if (ep.conflict) words.push('conflict');
  if (ep.public) words.push('public');
  if (ep.privileged) words.push('privileged');
  if (ep.inactive) words.push('not bound');
  return words.join(' · ');
}

export function hostDescription(h: HostNode): string {
  const parts = [`${h.listeners} listener${h.listeners === 1 ? '' : 's'}`];
  if (h.conflicts) parts.push(`${h.conflicts} in conflict`);
  if (h.publicBinds) parts.push(`${h.publicBinds} public`);
  return parts.join(', ');
}
