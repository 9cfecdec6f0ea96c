// The names Podman's generator gives a quadlet unit: its systemd service and the Podman object it
// creates (docs/generator-facts.md §8, checked against the 5.4.2 and 5.8.6 generators).
//
//   X.container → X.service,          container systemd-X (ContainerName=; really systemd-%N)
//   X.volume    → X-volume.service,   volume    systemd-X (VolumeName=)
//   X.network   → X-network.service,  network   systemd-X (NetworkName=)
//   X.pod       → X-pod.service,      pod       systemd-X (PodName=)
//   X.image     → X-image.service,    image     ImageTag= or Image=
//   X.build     → X-build.service,    image     the first ImageTag=
//   X.kube      → X.service           (objects come from the YAML)
//   X.artifact  → X-artifact.service, artifact  Artifact=
// `ServiceName=s` makes any of them `s.service` (verbatim). Templates `X@.volume` are named
// `X@-volume.service` up to 5.6 and `X-volume@.service` from 5.7.

import { QuadletType, UnitType, isQuadletType, MAIN_SECTION, unitNameParts } from '../catalog/filetypes';
import { atLeast } from '../catalog/versions';
import { unquoteValue } from '../syntax/words';

export type ObjectKind = 'container' | 'network' | 'volume' | 'pod' | 'image' | 'artifact';

export interface GeneratedNames {
  /** The systemd unit the generator writes ("db-network.service"). */
  service: string;
  /** The Podman object it manages, when the unit file tells. */
  object?: { kind: ObjectKind; name: string };
}

/** The part of a unit view names need: the last value of a key in the effective unit. */
export interface NameSource {
  type?: UnitType;
  name: string;
  lastValue(section: string, key: string): string | undefined;
  allValues(section: string, key: string): string[];
}

const SERVICE_SUFFIX: Partial<Record<QuadletType, string>> = {
  volume: 'volume', network: 'network', pod: 'pod', image: 'image', build: 'build', artifact: 'artifact',
};

const NAME_KEY: Partial<Record<QuadletType, string>> = {
  network: 'NetworkName', volume: 'VolumeName', pod: 'PodName',
};

function value(src: NameSource, section: string, key: string): string | undefined {
  const v = src.lastValue(section, key);
  return v === undefined ? undefined : unquoteValue(v).text;
}

function defaultService(type: QuadletType, fileName: string, version: string): string {
  const { stem, prefix, instance } = unitNameParts(fileName);
  const suffix = SERVICE_SUFFIX[type];
  if (!suffix) return `${stem}.service`;
  if (instance === '' && atLeast(version, '5.7')) return `${prefix}-${suffix}@.service`;
  return `${stem}-${suffix}.service`;
}

/** `systemd-X` for networks and volumes, with the template forms of each version. */
function defaultResourceName(fileName: string, version: string): string {
  const { stem, prefix, instance } = unitNameParts(fileName);
  if (instance === undefined || !atLeast(version, '5.7')) return `systemd-${stem}`;
  // 5.7+ cuts one character too many for instances ("net@inst" → "systemd-net@ins-%i"): the
  // generator's behaviour, reproduced so hover and resolution show what really runs.
  if (instance === '') return `systemd-${prefix}-%i`;
  return `systemd-${stem.slice(0, -1)}-%i`;
}

function objectName(type: QuadletType, src: NameSource, service: string, version: string): GeneratedNames['object'] {
  const S = MAIN_SECTION[type];
  switch (type) {
    case 'container': {
      const explicit = value(src, S, 'ContainerName');
      if (explicit) return { kind: 'container', name: explicit };
      const { instance } = unitNameParts(src.name);
      // systemd-%N: %N is the service name without ".service" (ServiceName= changes it).
      return { kind: 'container', name: instance !== undefined ? 'systemd-%p_%i' : `systemd-${service.replace(/\.service$/, '')}` };
    }
    case 'network':
    case 'volume': {
      const explicit = value(src, S, NAME_KEY[type]!);
      return { kind: type, name: explicit || defaultResourceName(src.name, version) };
    }
    case 'pod': {
      const explicit = value(src, S, 'PodName');
      return { kind: 'pod', name: explicit || `systemd-${unitNameParts(src.name).stem}` };
    }
    case 'image': {
      const name = value(src, S, 'ImageTag') || value(src, S, 'Image');
      return name ? { kind: 'image', name } : undefined;
    }
    case 'build': {
      const first = src.allValues(S, 'ImageTag')[0];
      return first ? { kind: 'image', name: unquoteValue(first).text } : undefined;
    }
    case 'artifact': {
      const name = value(src, S, 'Artifact');
      return name ? { kind: 'artifact', name } : undefined;
    }
    default:
      return undefined;
  }
}

/** The generated names of a quadlet unit for the target Podman version (undefined for other files). */
export function generatedNames(src: NameSource, version: string): GeneratedNames | undefined {
  const type = src.type;
  if (!isQuadletType(type)) return undefined;
  const explicit = src.lastValue(MAIN_SECTION[type], 'ServiceName');
  const service = explicit !== undefined ? `${unquoteValue(explicit).text}.service` : defaultService(type, src.name, version);
  return { service, object: objectName(type, src, service, version) };
}

/** The service a unit name stands for when systemd sees it: quadlet files by their generated name. */
export function isSystemdUnitName(name: string): boolean {
  return /\.(service|socket|target|timer|path|mount|automount|swap|slice|scope|device)$/.test(name);
}

/** "web@prod.service" → "web@.service" (systemd instantiates the template); undefined for other names. */
export function templateOf(unitName: string): string | undefined {
  const { prefix, ext, instance } = unitNameParts(unitName);
  if (!instance) return undefined;
  return `${prefix}@.${ext}`;
}

/**
 * Every name a unit might be known by in some Podman version, for the host-wide name table (the exact
 * name for the target version is checked when a rule asks). Values from every assignment are included
 * because the drop-in order that decides the winner depends on the version.
 */
export interface NameHints {
  services: string[];
  objects: Array<{ kind: ObjectKind; name: string }>;
}

const HINT_VERSIONS = ['5.4', '5.8'];
const ONE_VERSION = ['5.4'];

export function nameHints(src: NameSource): NameHints {
  const services = new Set<string>();
  const objects = new Map<string, { kind: ObjectKind; name: string }>();
  // Only templates (web@.container) are named differently by version (defaultService,
  // defaultResourceName): other units get one answer.
  const versions = unitNameParts(src.name).instance === undefined ? ONE_VERSION : HINT_VERSIONS;
  for (const version of versions) {
    const names = generatedNames(src, version);
    if (!names) continue;
    services.add(names.service);
    if (names.object) objects.set(`${names.object.kind}\u0000${names.object.name}`, names.object);
  }
  const type = src.type;
  if (isQuadletType(type)) {
    const S = MAIN_SECTION[type];
    for (const v of src.allValues(S, 'ServiceName')) {
      const service = unquoteValue(v).text;
      services.add(`${service}.service`);
      // A container's default name follows its service name (systemd-%N).
      if (type === 'container') objects.set(`container\u0000systemd-${service}`, { kind: 'container', name: `systemd-${service}` });
    }
    const key = type === 'container' ? 'ContainerName' : NAME_KEY[type];
    const kind = type === 'container' ? 'container' : (type as ObjectKind);
    if (key) {
      for (const v of src.allValues(S, key)) {
        if (!v) continue;
        const name = unquoteValue(v).text;
        objects.set(`${kind}\u0000${name}`, { kind, name });
      }
    }
  }
  return { services: [...services], objects: [...objects.values()] };
}
