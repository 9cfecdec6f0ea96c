// `conflicting-keys`: key combinations the generator refuses (it then generates no service at all).
// Checked on the effective unit (file + drop-ins), deciding like Podman's quadlet.go (v5.4.2 and
// v5.8.2, see docs/generator-facts.md §7). The diagnostic goes on the key to change: the later of two
// exclusive keys, the extra value, or the key whose partner is missing; `related` points at the other.
// Single-key value checks (RemapUsers=garbage, SetWorkingDirectory=file in a .kube…) are left to
// `invalid-value`; required keys to `missing-key`.

import { isQuadletType, MAIN_SECTION } from '../catalog/filetypes';
import { atLeast } from '../catalog/versions';
import { RelatedInformation } from '../syntax/diagnostic';
import { Range, valuePieceRange } from '../syntax/model';
import { SourcedEntry, UnitView } from '../workspace/unit-view';
import { isGeneratorUrl, lastArgsSet, later, lookup, lookupAllWords, lookupSet, startsWithSpecifier } from './lookup';
import { RuleContext, UnitRule } from './types';

export const messages = {
  imageAndRootfs: (key: string, other: string) => `${key}= cannot be combined with ${other}=: Podman refuses a container with both. Keep one of them.`,
  groupWithoutUser: 'Group= needs User= in [Container]; Podman refuses a Group without a User. Add User= or remove Group=.',
  remapWithMapping: (key: string, mapping: string) =>
    `${key}= (deprecated) cannot be used together with ${mapping}=; Podman refuses the file. Remove ${key}= and express the mapping with UserNS/UIDMap/GIDMap.`,
  remapWithoutUsers: (key: string) => `${key}= only takes effect with RemapUsers=; without it Podman refuses the file.`,
  remapManualInKube: 'RemapUsers=manual is not supported in a .kube file; Podman refuses it. Use auto or keep-id.',
  keepIdSingle: (key: string) => `RemapUsers=keep-id accepts a single ${key}= mapping; Podman refuses a second one.`,
  withoutDevice: (key: string) => `${key}= needs Device=; Podman refuses a volume with ${key}= but no Device= (unless Driver=image).`,
  withoutSubnet: (key: string) => `${key}= needs a Subnet= to belong to; Podman refuses a network with ${key}= but no Subnet=.`,
  beyondSubnets: (key: string, count: number, subnets: number) =>
    `This is ${key}= number ${count}, but there ${subnets === 1 ? 'is 1 Subnet' : `are ${subnets} Subnets`}; each ${key} pairs with one Subnet, so Podman refuses the file.`,
  relativeFile: (value: string) =>
    `File=${value} is a relative path: Podman needs SetWorkingDirectory= (or [Service] WorkingDirectory=) to know what it is relative to, and refuses the file.`,
  reloadBoth: (key: string, other: string) => `${key}= and ${other}= exclude each other; Podman refuses a container with both. Keep one.`,
  yamlWorkingDir: 'SetWorkingDirectory=yaml works only with a single Yaml= file; Podman refuses the file when there are several.',
};

/** Main-branch Podman accepts Options= without Device= (commit 6c41f55aa7); every release up to this one refuses it. */
const VOLUME_OPTIONS_NEED_DEVICE_UNTIL = '5.8';

interface Check {
  ctx: RuleContext;
  view: UnitView;
  section: string;
  version: string;
}

function related(at: SourcedEntry | undefined, message: string): RelatedInformation[] | undefined {
  return at ? [{ file: at.unit.file.path, range: at.entry.keyRange, message }] : undefined;
}

function report(c: Check, at: SourcedEntry, message: string, rel?: RelatedInformation[], range: Range = at.entry.keyRange): void {
  c.ctx.report({ unit: at.unit, range, message, related: rel });
}

function imageAndRootfs(c: Check): void {
  const image = lookupSet(c.view, c.section, 'Image', c.version);
  const rootfs = lookupSet(c.view, c.section, 'Rootfs', c.version);
  if (!image || !rootfs) return;
  const [offending, other] = later(c.view, image.at, rootfs.at);
  report(c, offending, messages.imageAndRootfs(offending.entry.key, other.entry.key), related(other, `${other.entry.key}= is set here`));
}

function groupWithoutUser(c: Check): void {
  const group = lookupSet(c.view, c.section, 'Group', c.version);
  if (!group || lookupSet(c.view, c.section, 'User', c.version)) return;
  report(c, group.at, messages.groupWithoutUser, related(c.view.last(c.section, 'User'), 'User= is empty here'));
}

/** Podman's handleUserMappings/handleUserRemap, for [Container], [Pod] and [Kube]. */
function userMappings(c: Check, kube: boolean): void {
  const mapping =
    lookupSet(c.view, c.section, 'UserNS', c.version)?.at ??
    lookupAllWords(c.view, c.section, 'UIDMap')[0]?.at ??
    lookupAllWords(c.view, c.section, 'GIDMap')[0]?.at ??
    lookupSet(c.view, c.section, 'SubUIDMap', c.version)?.at ??
    lookupSet(c.view, c.section, 'SubGIDMap', c.version)?.at;
  if (mapping) {
    // Mere presence counts here, even an empty RemapUsers=.
    for (const key of ['RemapUid', 'RemapGid', 'RemapUsers']) {
      const at = c.view.last(c.section, key);
      if (at) report(c, at, messages.remapWithMapping(key, mapping.entry.key), related(mapping, `${mapping.entry.key}= is set here`));
    }
    return;
  }
  const uids = lookupAllWords(c.view, c.section, 'RemapUid');
  const gids = lookupAllWords(c.view, c.section, 'RemapGid');
  const users = c.view.last(c.section, 'RemapUsers');
  const mode = users?.entry.value ?? '';
  if (mode === '') {
    for (const list of [uids, gids]) if (list[0]) report(c, list[0].at, messages.remapWithoutUsers(list[0].at.entry.key), related(users, 'RemapUsers= is empty here'));
  } else if (mode === 'manual' && kube) {
    report(c, users!, messages.remapManualInKube);
  } else if (mode === 'keep-id') {
    for (const list of [uids, gids]) {
      const extra = list[1];
      if (extra) report(c, extra.at, messages.keepIdSingle(extra.at.entry.key), related(users, 'RemapUsers=keep-id is set here'), valuePieceRange(extra.at.entry, extra.word.start, extra.word.end));
    }
  }
}

function reloadCmdAndSignal(c: Check): void {
  if (!atLeast(c.version, '5.5')) return; // before 5.5 both keys are unknown (`version` reports them)
  const signal = lookupSet(c.view, c.section, 'ReloadSignal', c.version);
  const cmd = lastArgsSet(c.view, c.section, 'ReloadCmd');
  if (!signal || !cmd) return;
  const [offending, other] = later(c.view, signal.at, cmd);
  report(c, offending, messages.reloadBoth(offending.entry.key, other.entry.key), related(other, `${other.entry.key}= is set here`));
}

function kubeWorkingDir(c: Check): void {
  if (!atLeast(c.version, '5.7')) return; // 5.4–5.6 read only the last Yaml= and accept
  const swd = lookupSet(c.view, c.section, 'SetWorkingDirectory', c.version);
  if (swd?.value.toLowerCase() !== 'yaml') return;
  const yamls = lookupAllWords(c.view, c.section, 'Yaml');
  for (const extra of yamls.slice(1)) {
    report(c, extra.at, messages.yamlWorkingDir, related(swd.at, 'SetWorkingDirectory=yaml is set here'), valuePieceRange(extra.at.entry, extra.word.start, extra.word.end));
  }
}

function networkSubnets(c: Check): void {
  const subnets = c.view.values(c.section, 'Subnet');
  for (const key of ['Gateway', 'IPRange']) {
    const list = c.view.values(c.section, key);
    if (subnets.length === 0) {
      for (const at of list) report(c, at, messages.withoutSubnet(key));
    } else {
      list.slice(subnets.length).forEach((at, i) =>
        report(c, at, messages.beyondSubnets(key, subnets.length + i + 1, subnets.length), related(subnets[subnets.length - 1], 'the last Subnet= is here')),
      );
    }
  }
}

function volumeDevice(c: Check): void {
  if (lookup(c.view, c.section, 'Driver', c.version)?.value === 'image') return;
  if (lookupSet(c.view, c.section, 'Device', c.version)) return;
  const device = c.view.last(c.section, 'Device');
  const keys = atLeast(VOLUME_OPTIONS_NEED_DEVICE_UNTIL, c.version) ? ['Type', 'Options'] : ['Type'];
  for (const key of keys) {
    const found = lookupSet(c.view, c.section, key, c.version);
    if (found) report(c, found.at, messages.withoutDevice(key), related(device, 'Device= is empty here'));
  }
}

function buildRelativeFile(c: Check): void {
  // SetWorkingDirectory=unit|file sets the working directory, any other value is the build context.
  if (lookupSet(c.view, c.section, 'SetWorkingDirectory', c.version)) return;
  if (lookupSet(c.view, 'Service', 'WorkingDirectory', c.version)) return;
  const file = lookupSet(c.view, c.section, 'File', c.version);
  if (!file) return; // no File at all is `missing-key`
  const v = file.value;
  if (v.startsWith('/') || isGeneratorUrl(v) || (atLeast(c.version, '5.7') && startsWithSpecifier(v))) return;
  report(c, file.at, messages.relativeFile(v));
}

export const conflictingKeysRule: UnitRule = {
  code: 'conflicting-keys',
  kind: 'unit',
  severity: 'error',
  summary: 'Keys the generator refuses in combination (Image+Rootfs, Group without User, Gateway without Subnet, …).',
  check(view, ctx) {
    const type = view.type;
    if (!isQuadletType(type) || view.main.identity.kind === 'dropin' || view.main.foreign) return;
    const c: Check = { ctx, view, section: MAIN_SECTION[type], version: ctx.settings.podmanVersion };
    switch (type) {
      case 'container':
        imageAndRootfs(c);
        groupWithoutUser(c);
        userMappings(c, false);
        reloadCmdAndSignal(c);
        break;
      case 'pod':
        userMappings(c, false);
        break;
      case 'kube':
        userMappings(c, true);
        kubeWorkingDir(c);
        break;
      case 'network':
        networkSubnets(c);
        break;
      case 'volume':
        volumeDevice(c);
        break;
      case 'build':
        buildRelativeFile(c);
        break;
    }
  },
};
