// `pod-member-publish`: a container that joins a pod (`Pod=`) but publishes ports or sets its own
// network. The pod owns the network namespace; Podman refuses to create such a container
// ("published or exposed ports must be defined when the pod is created").

import { podmanArgsOf } from '../workspace/podman-args';
import { UnitRule } from './types';

export const messages = {
  publish: (pod: string, what: string) => `${what} in a container that joins ${pod}: ports belong on the pod. Move it to ${pod}; Podman refuses to create this container.`,
  network: (pod: string, what: string) => `${what} in a container that joins ${pod}: the pod owns the network. Set it in ${pod}; Podman refuses to create this container.`,
};

export const podMemberPublishRule: UnitRule = {
  code: 'pod-member-publish',
  kind: 'unit',
  severity: 'error',
  summary: 'A container with Pod= that publishes ports or sets Network= (they belong on the pod).',
  check(view, ctx) {
    if (view.type !== 'container' || view.main.identity.kind === 'dropin') return;
    const pod = view.last('Container', 'Pod')?.entry.value.trim() ?? '';
    if (pod === '') return;
    for (const { entry, unit } of view.values('Container', 'PublishPort')) ctx.report({ unit, range: entry.keyRange, message: messages.publish(pod, 'PublishPort=') });
    for (const { entry, unit } of view.values('Container', 'Network')) ctx.report({ unit, range: entry.keyRange, message: messages.network(pod, 'Network=') });
    for (const o of podmanArgsOf(view, 'Container')) {
      if (o.option === 'publish') ctx.report({ unit: o.unit, range: o.optionRange, message: messages.publish(pod, 'A port published in PodmanArgs') });
      else if (o.option === 'network') ctx.report({ unit: o.unit, range: o.optionRange, message: messages.network(pod, 'A network set in PodmanArgs') });
    }
  },
};
