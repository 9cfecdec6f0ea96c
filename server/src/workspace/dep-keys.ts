// Dependency keys: what a rule asked the workspace about. The index reports which keys a file change
// touched; the analysis re-runs exactly the units that recorded one of them.

/** Any unit file of that name on the host (added, removed or edited). */
export function unitKey(host: string, name: string): string {
  return `unit\u0000${host}\u0000${name}`;
}

/** Which units generate that systemd service name on the host. */
export function serviceKey(host: string, service: string): string {
  return `service\u0000${host}\u0000${service}`;
}

/** Which units create that Podman object (network, volume, …) on the host. */
export function objectKey(host: string, kind: string, name: string): string {
  return `object\u0000${host}\u0000${kind}\u0000${name}`;
}
