// Host paths that must not be mounted into a container: the whole file system, /etc, and the
// sockets of Docker and Podman (whoever can talk to them can start a container with the host's /
// mounted — root for a rootful engine, the user's whole account for a rootless one).

import { posix } from 'node:path';

const EXACT = new Map<string, string>([
  ['/', "the host's whole file system"],
  ['/etc', "the host's /etc (accounts, password hashes, service configuration)"],
  ['/var/run/docker.sock', 'the Docker socket'],
  ['/run/docker.sock', 'the Docker socket'],
  ['%t/docker.sock', 'the rootless Docker socket'],
  ['/run/podman/podman.sock', "root's Podman socket"],
  ['/var/run/podman/podman.sock', "root's Podman socket"],
  ['/run/podman', "the directory of root's Podman socket"],
  ['/var/run/podman', "the directory of root's Podman socket"],
  ['%t/podman/podman.sock', "the user's Podman socket"],
  ['%t/podman', "the directory of the user's Podman socket"],
]);
const PER_USER = /^(?:\/var)?\/run\/user\/\d+\/(podman\/podman\.sock|podman|docker\.sock)$/;

/** What mounting this host path exposes, or undefined when it is not one of the sensitive ones. */
export function sensitiveHostPath(path: string): string | undefined {
  if (path === '') return undefined;
  let p = posix.normalize(path);
  if (p.length > 1) p = p.replace(/\/+$/, '');
  const known = EXACT.get(p);
  if (known) return known;
  const m = PER_USER.exec(p);
  if (!m) return undefined;
  if (m[1] === 'docker.sock') return 'a rootless Docker socket';
  return m[1] === 'podman' ? "the directory of a user's Podman socket" : "a user's Podman socket";
}
