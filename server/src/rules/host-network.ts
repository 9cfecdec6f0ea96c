// `host-network`: `Network=host` (or `--network host` in PodmanArgs). The container shares the
// host's network namespace: it reaches every service on the host's 127.0.0.1, other users'
// included, and its ports open directly on the host (PublishPort= is discarded).

import { networkSettings, specialNetwork } from '../workspace/network-mode';
import { UnitRule } from './types';

export const messages = {
  host: (via: string) =>
    `${via}: the container shares the host's network namespace. It can reach every service listening on the host's 127.0.0.1 (other users' too), its ports open directly on the host, and PublishPort= is ignored.`,
};

export const hostNetworkRule: UnitRule = {
  code: 'host-network',
  kind: 'unit',
  severity: 'warning',
  summary: "Network=host: the container shares the host's network, loopback services included.",
  check(view, ctx) {
    const decisive = specialNetwork(networkSettings(view));
    if (decisive?.mode !== 'host') return;
    const via = decisive.source === 'Network' ? 'Network=host' : `--network ${decisive.value} in PodmanArgs`;
    ctx.report({ unit: decisive.unit, range: decisive.range, message: messages.host(via) });
  },
};
