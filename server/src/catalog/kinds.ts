// Value kinds: our classification of what a key's value looks like. Grammar checks, completion and
// hover dispatch on these.

export type ValueKind =
  // Quadlet keys
  | 'bool' | 'int' | 'duration' | 'size' | 'signal' | 'enum' | 'path' | 'string' | 'name' | 'args'
  | 'keyvalue-list' | 'keyvalue' | 'env-list' | 'capability-list' | 'publish-port' | 'expose-port'
  | 'ip' | 'ipv4' | 'ipv6' | 'cidr' | 'ip-range' | 'dns' | 'add-host' | 'network' | 'pod-ref'
  | 'volume' | 'mount' | 'userns' | 'image' | 'image-ref' | 'idmap' | 'device' | 'secret' | 'tmpfs'
  | 'ulimit' | 'user' | 'group' | 'service-name'
  // systemd keys
  | 'command' | 'unit-list' | 'listen-stream' | 'listen-datagram' | 'octal-mode' | 'calendar'
  | 'timestamp' | 'exit-status-list' | 'cpu-set' | 'paths' | 'other';
