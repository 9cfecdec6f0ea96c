// Fixtures of ../shared/corpus/podman-e2e that the generator accepts but that get an error from
// the value grammars, each because Podman itself refuses the value when the unit starts (the
// generator passes these values through unchecked). The conformance test uses this list to allow
// exactly these errors; invalid-value-corpus.test.ts keeps it in sync with the rules.

export interface PodmanRefusal {
  /** Fixture path relative to the corpus directory. */
  file: string;
  /** 1-based line of the value. */
  line: number;
  /** Target versions (`--podman-version`) for which the error is expected. */
  versions: Array<'5.4' | '5.8'>;
  /** The diagnostic code: invalid-value, or version for values Podman gained later. */
  code: 'invalid-value' | 'version';
  /** Why Podman refuses the value when the unit starts (source: containers/podman at v5.4.2 and v5.8.2). */
  reason: string;
}

const EMPTY_HOST_IP = 'PublishPort with an empty host address before the second ":" — podman run/kube play parse it with specgenutil.CreatePortBindings, which fails with "must provide a non-empty container host IP to publish"';

export const VALUE_ERRORS_PODMAN_REFUSES: PodmanRefusal[] = [
  { file: 'ports.container', line: 15, versions: ['5.4', '5.8'], code: 'invalid-value', reason: `PublishPort=:80:92: ${EMPTY_HOST_IP}` },
  { file: 'ports.container', line: 24, versions: ['5.4', '5.8'], code: 'invalid-value', reason: `PublishPort=::95: ${EMPTY_HOST_IP}` },
  { file: 'ports.kube', line: 11, versions: ['5.4', '5.8'], code: 'invalid-value', reason: `PublishPort=:80:92: ${EMPTY_HOST_IP}` },
  { file: 'ports.kube', line: 20, versions: ['5.4', '5.8'], code: 'invalid-value', reason: `PublishPort=::95: ${EMPTY_HOST_IP}` },
  {
    file: 'quotes.container', line: 6, versions: ['5.4', '5.8'], code: 'invalid-value',
    reason: 'ContainerName="RemoveQuotes"Name" reaches podman as --name RemoveQuotes"Name; podman requires names matching [a-zA-Z0-9][a-zA-Z0-9_.-]*',
  },
  {
    file: 'artifact-mount.container', line: 24, versions: ['5.4'], code: 'version',
    reason: 'Mount=type=artifact: the 5.4 generator passes it on, but podman 5.4 has no artifact mounts ("invalid filesystem type") — they arrived in 5.5',
  },
];
