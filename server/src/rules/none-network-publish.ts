// `none-network-publish`: `Network=none` together with published ports. The container gets only a
// loopback interface and Podman discards the port mappings ("Port mappings have been discarded"),
// so nothing outside the container can reach the service.

import { MAIN_SECTION } from '../catalog/filetypes';
import { networkSettings, specialNetwork } from '../workspace/network-mode';
import { podmanArgsOf } from '../workspace/podman-args';
import { UnitRule } from './types';

export const messages = {
  none: (via: string) =>
    `${via} gives the container only its own loopback interface, and Podman discards published ports for it: this mapping is never published and only processes inside the container can reach the service.`,
};

export const noneNetworkPublishRule: UnitRule = {
  code: 'none-network-publish',
  kind: 'unit',
  severity: 'information',
  summary: 'Network=none with PublishPort=: Podman discards the mapping.',
  check(view, ctx) {
    const type = view.type;
    if ((type !== 'container' && type !== 'pod' && type !== 'kube') || view.main.identity.kind === 'dropin') return;
    // A pod member gets pod-member-publish instead.
    if (type === 'container' && (view.last('Container', 'Pod')?.entry.value.trim() ?? '') !== '') return;
    const decisive = specialNetwork(networkSettings(view));
    if (decisive?.mode !== 'none') return;
    const via = decisive.source === 'Network' ? 'Network=none' : `--network ${decisive.value} in PodmanArgs`;
    const section = MAIN_SECTION[type];
    for (const { entry, unit } of view.values(section, 'PublishPort')) ctx.report({ unit, range: entry.valueRange, message: messages.none(via) });
    for (const o of podmanArgsOf(view, section)) if (o.option === 'publish') ctx.report({ unit: o.unit, range: o.range, message: messages.none(via) });
  },
};
