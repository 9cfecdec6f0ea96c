// `cross-user-reference`: the target exists on the host, but only in another owner's scope. Rootless
// Podman keeps networks, volumes, pods and images per user (each user has a network namespace and
// storage of their own), and each user's systemd manager knows only that user's units. So the
// reference cannot work, however the files are named. Silent when an owner is unknown.

import { Reference, generatorTranslates } from '../workspace/references';
import { resolveReference } from '../workspace/resolution';
import { Scope, describeScope } from '../workspace/scopes';
import { ParsedUnit } from '../workspace/files';
import { UnitRule } from './types';
import { definedHere, ownerName, ownerPossessive, referencesOf, relatedUnits } from './reference-util';

const LOOPBACK_FIX = (owner: string) =>
  `Fix: publish it on 127.0.0.1 in ${owner} scope (or let a socket activator there start it on demand) and connect to 127.0.0.1:PORT; from a container, the host's loopback needs pasta's --map-host-loopback.`;

export const messages = {
  network: (name: string, them: string, us: string, owner: string) =>
    `${name} belongs to ${them}, not to ${us}: Podman keeps networks per owner (each rootless user has a network namespace of their own), so this unit cannot join it. ${LOOPBACK_FIX(owner)}`,
  container: (name: string, them: string, us: string, owner: string) =>
    `${name} belongs to ${them}, not to ${us}: its container runs in ${owner} network namespace, which this unit cannot join. ${LOOPBACK_FIX(owner)}`,
  volume: (name: string, them: string, us: string) =>
    `${name} belongs to ${them}, not to ${us}: Podman keeps volumes in each owner's own storage, so this unit cannot mount it. Share a host directory with a bind mount (and matching permissions) instead.`,
  pod: (name: string, them: string, us: string, owner: string) =>
    `${name} belongs to ${them}, not to ${us}: pods live in each owner's own storage and namespace, so this container cannot join it. Move the container into ${owner} scope, or keep it here and connect to 127.0.0.1:PORT.`,
  image: (name: string, them: string, us: string) =>
    `${name} belongs to ${them}, not to ${us}: images live in each owner's own storage, so the image it provides does not exist for this unit. Define the .image or .build in this scope too.`,
  dependency: (name: string, them: string, us: string, owner: string, hard: boolean, key: string) =>
    `${name} is a unit of ${them}, and ${us}'s systemd manager only knows ${us}'s own units: it cannot start, order or require it${hard ? `, so this unit fails to start ("Unit ${name} not found")` : `, so this ${key}= is ignored`}. ${LOOPBACK_FIX(owner)}`,
  activation: (name: string, them: string, us: string) =>
    `${name} belongs to ${them}, not to ${us}: a socket or timer starts units of its own systemd manager only. Put this unit into the scope of ${them}, next to ${name}.`,
};

function message(ref: Reference, target: ParsedUnit, referrer: Scope): string {
  const theirs = target.file.placement.scope;
  const them = ownerName(theirs);
  const us = ownerName(referrer).replace(/^user /, '');
  const usFull = ownerName(referrer);
  const owner = ownerPossessive(theirs);
  if (ref.section === 'Unit') return messages.dependency(ref.name, them, us, owner, ref.hard, ref.key);
  if (ref.form === 'unit') return messages.activation(ref.name, them, usFull);
  switch (target.type) {
    case 'container':
      return messages.container(ref.name, them, usFull, owner);
    case 'volume':
    case 'artifact':
      return messages.volume(ref.name, them, usFull);
    case 'pod':
      return messages.pod(ref.name, them, usFull, owner);
    case 'image':
    case 'build':
      return messages.image(ref.name, them, usFull);
    default:
      return messages.network(ref.name, them, usFull, owner);
  }
}

export const crossUserReferenceRule: UnitRule = {
  code: 'cross-user-reference',
  kind: 'unit',
  severity: 'error',
  summary: "A reference to a unit that exists only in another user's (or root's) scope.",
  check(view, ctx) {
    if (view.main.identity.kind === 'dropin' || view.scope.owner === undefined) return;
    const version = ctx.settings.podmanVersion;
    for (const ref of referencesOf(view, version)) {
      // A quadlet name passed through untranslated is broken anyway: unresolved-reference says so.
      if (ref.form === 'quadlet' && !generatorTranslates(ref, view.type, version)) continue;
      const res = resolveReference(ctx.workspace, ref, view.scope);
      if (res.status !== 'elsewhere') continue;
      const target = res.targets[0];
      ctx.report({
        unit: ref.unit,
        range: ref.range,
        message: message(ref, target, view.scope),
        severity: ref.hard ? 'error' : 'warning',
        related: relatedUnits(res.targets, (u) => (ref.form === 'unit' && u.name !== ref.name ? `${ref.name} is generated from ${u.name} (${describeScope(u.file.placement.scope)})` : definedHere(u))),
        data: { target: target.file.path, targetName: target.name, owner: target.file.placement.scope.owner },
      });
    }
  },
};
