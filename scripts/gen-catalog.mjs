#!/usr/bin/env node
// Regenerates server/src/catalog/data/quadlet-keys.json from ../shared/reference/keys.tsv
// (usage: gen-catalog.mjs [KEYS_TSV [OUT_JSON]]).
// The JSON is checked in (no scraping at run time); test/unit/catalog.test.ts holds it against the TSV.
// Value kinds are our own classification; see server/src/catalog/kinds.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsv = process.argv[2] ?? join(root, '..', 'shared', 'reference', 'keys.tsv');
const out = process.argv[3] ?? join(root, 'server', 'src', 'catalog', 'data', 'quadlet-keys.json');

// value_kind text (or Section.Key) → our kind id, plus enum values where the kind needs them.
const KIND_BY_KEY = {
  'Container.Pod': 'pod-ref',
  'Container.PublishPort': 'publish-port', 'Kube.PublishPort': 'publish-port', 'Pod.PublishPort': 'publish-port',
  'Container.ExposeHostPort': 'expose-port',
  'Container.UIDMap': 'idmap', 'Container.GIDMap': 'idmap', 'Pod.UIDMap': 'idmap', 'Pod.GIDMap': 'idmap',
  'Container.RemapUid': 'idmap', 'Container.RemapGid': 'idmap', 'Pod.RemapUid': 'idmap', 'Pod.RemapGid': 'idmap',
  'Kube.RemapUid': 'idmap', 'Kube.RemapGid': 'idmap',
  'Container.Volume': 'volume', 'Pod.Volume': 'volume', 'Build.Volume': 'volume',
  'Container.Exec': 'args', 'Container.ReloadCmd': 'args', 'Container.Entrypoint': 'string',
  'Container.Mount': 'mount',
  'Container.AddDevice': 'device',
  'Network.Subnet': 'cidr', 'Network.IPRange': 'ip-range', 'Network.Gateway': 'ip',
  'Container.IP': 'ipv4', 'Pod.IP': 'ipv4', 'Container.IP6': 'ipv6', 'Pod.IP6': 'ipv6',
  'Container.DNS': 'dns', 'Pod.DNS': 'dns', 'Build.DNS': 'dns', 'Network.DNS': 'dns',
  'Container.AddHost': 'add-host', 'Pod.AddHost': 'add-host',
  'Container.Image': 'image-ref', 'Volume.Image': 'image-ref', 'Image.Image': 'image',
  'Build.ImageTag': 'image', 'Image.ImageTag': 'image', 'Artifact.Artifact': 'image',
  'Container.Network': 'network', 'Pod.Network': 'network', 'Kube.Network': 'network', 'Build.Network': 'network',
  'Container.UserNS': 'userns', 'Pod.UserNS': 'userns', 'Kube.UserNS': 'userns',
  'Container.AddCapability': 'capability-list', 'Container.DropCapability': 'capability-list',
  'Container.Environment': 'env-list', 'Build.Environment': 'env-list',
  'Container.Label': 'keyvalue-list', 'Build.Label': 'keyvalue-list', 'Network.Label': 'keyvalue-list',
  'Pod.Label': 'keyvalue-list', 'Volume.Label': 'keyvalue-list',
  'Container.Annotation': 'keyvalue-list', 'Build.Annotation': 'keyvalue-list', 'Build.BuildArg': 'keyvalue-list',
  'Container.Sysctl': 'keyvalue-list',
  'Container.LogOpt': 'keyvalue', 'Kube.LogOpt': 'keyvalue',
  'Container.Ulimit': 'ulimit',
  'Container.Secret': 'secret', 'Build.Secret': 'secret',
  'Container.Tmpfs': 'tmpfs',
  'Container.Memory': 'size', 'Container.ShmSize': 'size', 'Pod.ShmSize': 'size',
  'Container.StopSignal': 'signal', 'Container.ReloadSignal': 'signal',
  'Container.HealthCmd': 'string', 'Container.HealthStartupCmd': 'string',
  'Container.User': 'user', 'Volume.User': 'user', 'Container.Group': 'group', 'Volume.Group': 'group',
  'Container.ContainerName': 'name', 'Network.NetworkName': 'name', 'Volume.VolumeName': 'name', 'Pod.PodName': 'name',
  'Kube.Yaml': 'path', 'Kube.ConfigMap': 'path', 'Container.EnvironmentFile': 'path',
  'Build.File': 'path', 'Container.Rootfs': 'path', 'Container.WorkingDir': 'path',
  'Container.StopTimeout': 'int', 'Pod.StopTimeout': 'int', 'Volume.UID': 'int', 'Volume.GID': 'int',
  'Container.HealthLogDestination': 'string',
  'Network.Driver': 'string', 'Volume.Driver': 'string', 'Network.Options': 'string', 'Volume.Options': 'string',
  'Container.Timezone': 'string',
};
const ENUMS = {
  'Kube.ExitCodePropagation': ['all', 'any', 'none'],
  'Build.Pull': ['always', 'missing', 'never', 'newer'],
  'Container.Pull': ['always', 'missing', 'never', 'newer'],
  'Image.Policy': ['always', 'missing', 'never', 'newer'],
  'Pod.ExitPolicy': ['continue', 'stop'],
  'Container.CgroupsMode': ['enabled', 'disabled', 'no-conmon', 'split'],
  'Network.IPAMDriver': ['host-local', 'dhcp', 'none'],
  'Container.RemapUsers': ['manual', 'auto', 'keep-id'],
  'Pod.RemapUsers': ['manual', 'auto', 'keep-id'],
  'Kube.RemapUsers': ['auto', 'keep-id'],
  'Container.HealthOnFailure': ['none', 'kill', 'restart', 'stop'],
  'Container.Notify': ['true', 'false', 'healthy'],
  'Container.AutoUpdate': ['registry', 'local'],
  'Kube.AutoUpdate': ['registry', 'local'],
  'Kube.SetWorkingDirectory': ['yaml', 'unit'],
  'Build.SetWorkingDirectory': ['file', 'unit'],
};

function kindOf(id, valueKind) {
  if (ENUMS[id]) return 'enum';
  if (KIND_BY_KEY[id]) return KIND_BY_KEY[id];
  if (valueKind.startsWith('bool')) return 'bool';
  if (valueKind.startsWith('args')) return 'args';
  if (valueKind.startsWith('duration')) return 'duration';
  if (valueKind.startsWith('int')) return 'int';
  if (valueKind.startsWith('path')) return 'path';
  if (valueKind.startsWith('string:unit name')) return 'service-name';
  if (valueKind.startsWith('string:name')) return 'name';
  if (valueKind.startsWith('string')) return 'string';
  if (valueKind.startsWith('domain')) return 'string';
  if (valueKind.startsWith('user[:password]')) return 'string';
  if (valueKind.startsWith('paths')) return 'string';
  return 'string';
}

function version(v) {
  const m = /^v?(\d+)\.(\d+)/.exec(v);
  if (m) return { since: `${m[1]}.${m[2]}`, unreleased: false };
  if (v.startsWith('unreleased')) return { since: '6.0', unreleased: true };
  throw new Error(`unknown version ${v}`);
}

const rows = readFileSync(tsv, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
const entries = [];
for (const [filetype, section, keyField, introduced, repeatable, valueKind, , flag, deflt, deprecated, notes] of rows) {
  if (!['Container', 'Pod', 'Kube', 'Network', 'Volume', 'Build', 'Image', 'Artifact', 'Quadlet'].includes(section)) continue;
  for (const key of keyField.split('|')) {
    const id = `${section}.${key}`;
    const { since, unreleased } = version(introduced);
    const entry = {
      types: filetype.split(','),
      section,
      key,
      since,
      ...(unreleased ? { unreleased: true } : {}),
      repeatable: repeatable.startsWith('yes'),
      kind: kindOf(id, valueKind),
      ...(ENUMS[id] ? { values: ENUMS[id] } : {}),
      ...(flag.startsWith('--') ? { flag: flag.split(' ')[0].split('=')[0] } : {}),
      ...(deflt ? { default: deflt } : {}),
      ...(deprecated === 'yes' ? { deprecated: true } : {}),
      facts: valueKind,
      ...(notes ? { notes } : {}),
    };
    const same = entries.find((e) => e.section === section && e.key === key);
    if (same) same.types = [...new Set([...same.types, ...entry.types])];
    else entries.push(entry);
  }
}
entries.sort((a, b) => (a.section === b.section ? a.key.localeCompare(b.key) : a.section.localeCompare(b.section)));
writeFileSync(out, JSON.stringify(entries, null, 1) + '\n');
console.log(`wrote ${entries.length} keys to ${out}`);
