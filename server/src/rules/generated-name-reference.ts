// `generated-name-reference`: `Network=systemd-app` (or a NetworkName=/VolumeName= value) where the
// scope's app.network creates that object. It works, but only the file name makes the generator add
// Requires=/After= on app-network.service, so by name the object may not exist yet at start.

import { namesOf, resolveReference } from '../workspace/resolution';
import { UnitRule } from './types';
import { referencesOf, relatedUnits } from './reference-util';

export const messages = {
  direct: (name: string, kind: string, file: string, service: string) =>
    `${name} is the ${kind} Podman creates for ${file}. It works, but without the file name this unit gets no Requires=/After= on ${service}, so the ${kind} may not exist yet when it starts. Write ${file} instead.`,
  podmanArgs: (name: string, kind: string, file: string, service: string) =>
    `${name} is the ${kind} Podman creates for ${file}. Passed through PodmanArgs it gets no Requires=/After= on ${service}, so the ${kind} may not exist yet when this unit starts. Use Network=${file} instead of the PodmanArgs option.`,
  related: (file: string) => `${file} creates it`,
};

export const generatedNameReferenceRule: UnitRule = {
  code: 'generated-name-reference',
  kind: 'unit',
  severity: 'information',
  summary: 'A Podman object named by its generated name (systemd-app) instead of its quadlet file (app.network).',
  check(view, ctx) {
    if (view.main.identity.kind === 'dropin') return;
    for (const ref of referencesOf(view, ctx.settings.podmanVersion)) {
      if (ref.form !== 'object') continue;
      const res = resolveReference(ctx.workspace, ref, view.scope);
      if (res.status !== 'found') continue;
      const target = res.target;
      const service = namesOf(ctx.workspace, target)?.service ?? target.name;
      const kind = ref.objectKind ?? 'object';
      const inArgs = ref.key === 'PodmanArgs';
      ctx.report({
        unit: ref.unit,
        range: ref.range,
        message: (inArgs ? messages.podmanArgs : messages.direct)(ref.name, kind, target.name, service),
        related: relatedUnits([target], (u) => messages.related(u.name)),
        ...(inArgs ? {} : { data: { suggestion: target.name } }),
      });
    }
  },
};
