// Cases for `conflicting-keys` and the refined `missing-key`, each with the verdict of the real
// generators (5.4.2 / 5.8.6, `quadlet -dryrun -user` on exactly these files, run when the cases were
// written). Ranges are 0-based "L:C-L:C"; `related` is the range of the other key.

export interface RuleCase {
  name: string;
  /** File name → lines. The first file is the one checked. */
  files: Record<string, string[]>;
  /** Generator verdict per version. */
  generator: { '5.4': 'ok' | 'fail'; '5.8': 'ok' | 'fail' };
  /** Expected findings of `code` per version (none = the list is empty). */
  expect: Partial<Record<'5.4' | '5.8', Finding[]>>;
  code: 'conflicting-keys' | 'missing-key';
}

export interface Finding {
  file?: string;
  range: string;
  message: RegExp;
  related?: string;
}

const both = (f: Finding[]) => ({ '5.4': f, '5.8': f });
const FAIL = { '5.4': 'fail', '5.8': 'fail' } as const;
const OK = { '5.4': 'ok', '5.8': 'ok' } as const;
const C = ['[Container]', 'Image=localhost/x'];

export const CONFLICT_CASES: RuleCase[] = [
  // Image / Rootfs
  { code: 'conflicting-keys', name: 'Image with Rootfs: the later key', files: { 'a.container': [...C, 'Rootfs=/srv/root'] }, generator: FAIL, expect: both([{ range: '2:0-2:6', message: /Rootfs= cannot be combined with Image=/, related: '1:0-1:5' }]) },
  { code: 'conflicting-keys', name: 'Rootfs then Image: Image is the later key', files: { 'a.container': ['[Container]', 'Rootfs=/srv/root', 'Image=localhost/x'] }, generator: FAIL, expect: both([{ range: '2:0-2:5', message: /Image= cannot be combined with Rootfs=/, related: '1:0-1:6' }]) },
  { code: 'conflicting-keys', name: 'an empty Rootfs= is no conflict', files: { 'a.container': [...C, 'Rootfs='] }, generator: OK, expect: {} },
  {
    code: 'conflicting-keys',
    name: 'Rootfs from a drop-in is reported on the drop-in',
    files: { 'a.container': C, 'a.container.d/10-root.conf': ['[Container]', 'Rootfs=/srv/root'] },
    generator: FAIL,
    expect: both([{ file: 'a.container.d/10-root.conf', range: '1:0-1:6', message: /Rootfs= cannot be combined/, related: '1:0-1:5' }]),
  },
  // Group / User
  { code: 'conflicting-keys', name: 'Group without User', files: { 'a.container': [...C, 'Group=wheel'] }, generator: FAIL, expect: both([{ range: '2:0-2:5', message: /Group= needs User=/ }]) },
  { code: 'conflicting-keys', name: 'Group with an empty User=', files: { 'a.container': [...C, 'User=', 'Group=wheel'] }, generator: FAIL, expect: both([{ range: '3:0-3:5', message: /Group= needs User=/, related: '2:0-2:4' }]) },
  { code: 'conflicting-keys', name: 'Group with User', files: { 'a.container': [...C, 'User=app', 'Group=wheel'] }, generator: OK, expect: {} },
  { code: 'conflicting-keys', name: 'Group="" counts as empty', files: { 'a.container': [...C, 'Group=""'] }, generator: OK, expect: {} },
  { code: 'conflicting-keys', name: 'a .volume may set Group without User', files: { 'a.volume': ['[Volume]', 'Group=11'] }, generator: OK, expect: {} },
  // Deprecated Remap* keys
  { code: 'conflicting-keys', name: 'RemapUsers with UserNS', files: { 'a.container': [...C, 'UserNS=auto', 'RemapUsers=auto'] }, generator: FAIL, expect: both([{ range: '3:0-3:10', message: /RemapUsers= \(deprecated\) cannot be used together with UserNS=/, related: '2:0-2:6' }]) },
  { code: 'conflicting-keys', name: 'even an empty RemapUsers= conflicts with UserNS', files: { 'a.container': [...C, 'UserNS=auto', 'RemapUsers='] }, generator: FAIL, expect: both([{ range: '3:0-3:10', message: /RemapUsers=/, related: '2:0-2:6' }]) },
  { code: 'conflicting-keys', name: 'an empty UserNS= defines no mapping', files: { 'a.container': [...C, 'UserNS=', 'RemapUsers=auto'] }, generator: OK, expect: {} },
  {
    code: 'conflicting-keys',
    name: 'UIDMap with RemapUid and RemapUsers: both deprecated keys',
    files: { 'a.container': [...C, 'UIDMap=0:1:2', 'RemapUsers=manual', 'RemapUid=0:10000:10'] },
    generator: FAIL,
    expect: both([
      { range: '3:0-3:10', message: /RemapUsers=.*UIDMap=/, related: '2:0-2:6' },
      { range: '4:0-4:8', message: /RemapUid=.*UIDMap=/, related: '2:0-2:6' },
    ]),
  },
  { code: 'conflicting-keys', name: 'a .pod: SubUIDMap with RemapUsers', files: { 'a.pod': ['[Pod]', 'SubUIDMap=app', 'RemapUsers=keep-id'] }, generator: FAIL, expect: both([{ range: '2:0-2:10', message: /RemapUsers=.*SubUIDMap=/, related: '1:0-1:9' }]) },
  { code: 'conflicting-keys', name: 'RemapUid without RemapUsers', files: { 'a.container': [...C, 'RemapUid=0:1:2'] }, generator: FAIL, expect: both([{ range: '2:0-2:8', message: /RemapUid= only takes effect with RemapUsers=/ }]) },
  { code: 'conflicting-keys', name: 'RemapGid with an empty RemapUsers=', files: { 'a.container': [...C, 'RemapUsers=', 'RemapGid=0:1:2'] }, generator: FAIL, expect: both([{ range: '3:0-3:8', message: /RemapGid= only takes effect/, related: '2:0-2:10' }]) },
  { code: 'conflicting-keys', name: 'RemapUid with RemapUsers=auto', files: { 'a.container': [...C, 'RemapUsers=auto', 'RemapUid=0:1:2'] }, generator: OK, expect: {} },
  { code: 'conflicting-keys', name: 'keep-id with two UID mappings on one line: the second word', files: { 'a.container': [...C, 'RemapUsers=keep-id', 'RemapUid=0:1:2 3:4:5'] }, generator: FAIL, expect: both([{ range: '3:15-3:20', message: /keep-id accepts a single RemapUid=/, related: '2:0-2:10' }]) },
  { code: 'conflicting-keys', name: 'keep-id with one mapping', files: { 'a.container': [...C, 'RemapUsers=keep-id', 'RemapUid=0:1:2'] }, generator: OK, expect: {} },
  { code: 'conflicting-keys', name: 'RemapUsers=manual in a .kube', files: { 'a.kube': ['[Kube]', 'Yaml=/k.yaml', 'RemapUsers=manual'] }, generator: FAIL, expect: both([{ range: '2:0-2:10', message: /RemapUsers=manual is not supported in a \.kube/ }]) },
  { code: 'conflicting-keys', name: 'RemapUsers=manual in a .container', files: { 'a.container': [...C, 'RemapUsers=manual', 'RemapUid=0:1:2'] }, generator: OK, expect: {} },
  // ReloadCmd / ReloadSignal (5.5+; before that both are unknown keys, which `version` reports)
  { code: 'conflicting-keys', name: 'ReloadCmd with ReloadSignal', files: { 'a.container': [...C, 'ReloadCmd=/bin/reload', 'ReloadSignal=SIGHUP'] }, generator: FAIL, expect: { '5.4': [], '5.8': [{ range: '3:0-3:12', message: /ReloadSignal= and ReloadCmd= exclude each other/, related: '2:0-2:9' }] } },
  { code: 'conflicting-keys', name: 'a ReloadCmd Podman cannot split does not count', files: { 'a.container': [...C, 'ReloadCmd=/bin/reload \\q', 'ReloadSignal=SIGHUP'] }, generator: { '5.4': 'fail', '5.8': 'ok' }, expect: {} },
  // SetWorkingDirectory=yaml with several Yaml (5.7+)
  { code: 'conflicting-keys', name: 'SetWorkingDirectory=yaml with two Yaml=', files: { 'a.kube': ['[Kube]', 'Yaml=/a.yaml', 'Yaml=/b.yaml', 'SetWorkingDirectory=yaml'] }, generator: { '5.4': 'ok', '5.8': 'fail' }, expect: { '5.8': [{ range: '2:5-2:12', message: /single Yaml=/, related: '3:0-3:19' }] } },
  { code: 'conflicting-keys', name: 'two Yaml words on one line count as two files', files: { 'a.kube': ['[Kube]', 'Yaml=/a.yaml /b.yaml', 'SetWorkingDirectory=YAML'] }, generator: { '5.4': 'ok', '5.8': 'fail' }, expect: { '5.8': [{ range: '1:13-1:20', message: /single Yaml=/, related: '2:0-2:19' }] } },
  { code: 'conflicting-keys', name: 'several Yaml= without SetWorkingDirectory=yaml', files: { 'a.kube': ['[Kube]', 'Yaml=/a.yaml', 'Yaml=/b.yaml', 'SetWorkingDirectory=unit'] }, generator: OK, expect: {} },
  // Network Gateway / IPRange / Subnet
  { code: 'conflicting-keys', name: 'Gateway and IPRange without Subnet', files: { 'a.network': ['[Network]', 'Gateway=10.0.0.1', 'IPRange=10.0.0.0/28'] }, generator: FAIL, expect: both([{ range: '1:0-1:7', message: /Gateway= needs a Subnet=/ }, { range: '2:0-2:7', message: /IPRange= needs a Subnet=/ }]) },
  { code: 'conflicting-keys', name: 'a Subnet cleared by Subnet= does not count', files: { 'a.network': ['[Network]', 'Subnet=10.0.0.0/24', 'Subnet=', 'Gateway=10.0.0.1'] }, generator: FAIL, expect: both([{ range: '3:0-3:7', message: /Gateway= needs a Subnet=/ }]) },
  { code: 'conflicting-keys', name: 'more gateways than subnets: the extra one', files: { 'a.network': ['[Network]', 'Subnet=10.0.0.0/24', 'Gateway=10.0.0.1', 'Gateway=10.0.1.1'] }, generator: FAIL, expect: both([{ range: '3:0-3:7', message: /Gateway= number 2, but there is 1 Subnet/, related: '1:0-1:6' }]) },
  { code: 'conflicting-keys', name: 'one gateway and range per subnet', files: { 'a.network': ['[Network]', 'Subnet=10.0.0.0/24', 'Subnet=10.0.1.0/24', 'Gateway=10.0.0.1', 'IPRange=10.0.1.0/28'] }, generator: OK, expect: {} },
  // Volume Type / Options / Device
  { code: 'conflicting-keys', name: 'Type without Device', files: { 'a.volume': ['[Volume]', 'Type=ext4'] }, generator: FAIL, expect: both([{ range: '1:0-1:4', message: /Type= needs Device=/ }]) },
  { code: 'conflicting-keys', name: 'Options without Device (refused up to 5.8)', files: { 'a.volume': ['[Volume]', 'Device=', 'Options=ro'] }, generator: FAIL, expect: both([{ range: '2:0-2:7', message: /Options= needs Device=/, related: '1:0-1:6' }]) },
  { code: 'conflicting-keys', name: 'Type and Options with Device', files: { 'a.volume': ['[Volume]', 'Device=/dev/sdb1', 'Type=ext4', 'Options=ro'] }, generator: OK, expect: {} },
  { code: 'conflicting-keys', name: 'Driver=image skips the Device checks', files: { 'a.volume': ['[Volume]', 'Driver=image', 'Image=localhost/x', 'Type=ext4', 'Options=ro'] }, generator: OK, expect: {} },
  // .build relative File
  { code: 'conflicting-keys', name: 'relative File without SetWorkingDirectory', files: { 'a.build': ['[Build]', 'ImageTag=localhost/t', 'File=Containerfile'] }, generator: FAIL, expect: both([{ range: '2:0-2:4', message: /File=Containerfile is a relative path/ }]) },
  { code: 'conflicting-keys', name: 'an empty SetWorkingDirectory= does not help', files: { 'a.build': ['[Build]', 'ImageTag=localhost/t', 'File=Containerfile', 'SetWorkingDirectory='] }, generator: FAIL, expect: both([{ range: '2:0-2:4', message: /relative path/ }]) },
  { code: 'conflicting-keys', name: 'a %-specifier File counts as absolute from 5.7', files: { 'a.build': ['[Build]', 'ImageTag=localhost/t', 'File=%h/Containerfile'] }, generator: { '5.4': 'fail', '5.8': 'ok' }, expect: { '5.4': [{ range: '2:0-2:4', message: /relative path/ }] } },
  { code: 'conflicting-keys', name: 'relative File with [Service] WorkingDirectory', files: { 'a.build': ['[Build]', 'ImageTag=localhost/t', 'File=Containerfile', '[Service]', 'WorkingDirectory=/srv'] }, generator: OK, expect: {} },
  { code: 'conflicting-keys', name: 'relative File with SetWorkingDirectory=unit', files: { 'a.build': ['[Build]', 'ImageTag=localhost/t', 'File=Containerfile', 'SetWorkingDirectory=unit'] }, generator: OK, expect: {} },
  { code: 'conflicting-keys', name: 'absolute and URL File values', files: { 'a.build': ['[Build]', 'ImageTag=localhost/t', 'File=https://example.com/Containerfile'] }, generator: OK, expect: {} },
  // missing-key refinements
  { code: 'missing-key', name: 'Image="" is missing', files: { 'a.container': ['[Container]', 'Image=""'] }, generator: FAIL, expect: both([{ range: '0:1-0:10', message: /needs Image=/ }]) },
  { code: 'missing-key', name: 'a .build with only [Service] WorkingDirectory has its context', files: { 'a.build': ['[Build]', 'ImageTag=localhost/t', '[Service]', 'WorkingDirectory=/srv'] }, generator: OK, expect: {} },
  { code: 'missing-key', name: 'SetWorkingDirectory=file without File', files: { 'a.build': ['[Build]', 'ImageTag=localhost/t', 'SetWorkingDirectory=file'] }, generator: FAIL, expect: both([{ range: '2:0-2:19', message: /SetWorkingDirectory=file needs File=/ }]) },
  { code: 'missing-key', name: 'SetWorkingDirectory=file with an empty File=', files: { 'a.build': ['[Build]', 'ImageTag=localhost/t', 'SetWorkingDirectory=file', 'File='] }, generator: FAIL, expect: both([{ range: '0:1-0:6', message: /needs SetWorkingDirectory= or File=/ }]) },
  { code: 'missing-key', name: 'ImageTag= cleared is missing', files: { 'a.build': ['[Build]', 'ImageTag=localhost/t', 'ImageTag=', 'File=/c/Containerfile'] }, generator: FAIL, expect: both([{ range: '0:1-0:6', message: /needs ImageTag=/ }]) },
  { code: 'missing-key', name: 'Driver=image with an empty Image= passes the generator', files: { 'a.volume': ['[Volume]', 'Driver=image', 'Image='] }, generator: OK, expect: {} },
  { code: 'missing-key', name: 'Driver=image without Image', files: { 'a.volume': ['[Volume]', 'Driver=image'] }, generator: FAIL, expect: both([{ range: '0:1-0:7', message: /Driver=image needs Image=/ }]) },
  { code: 'missing-key', name: 'Yaml= alone is missing', files: { 'a.kube': ['[Kube]', 'Yaml='] }, generator: FAIL, expect: both([{ range: '0:1-0:5', message: /needs Yaml=/ }]) },
];
