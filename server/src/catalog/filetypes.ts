// Which kind of file a path is, and which sections each kind may contain.

import { isTemplatePath } from '../syntax/template';

export const QUADLET_TYPES = ['container', 'volume', 'network', 'kube', 'image', 'build', 'pod', 'artifact'] as const;
export const SYSTEMD_TYPES = ['socket', 'service', 'target', 'timer'] as const;
export type QuadletType = (typeof QUADLET_TYPES)[number];
export type SystemdType = (typeof SYSTEMD_TYPES)[number];
export type UnitType = QuadletType | SystemdType;

export const MAIN_SECTION: Record<QuadletType, string> = {
  container: 'Container', volume: 'Volume', network: 'Network', kube: 'Kube',
  image: 'Image', build: 'Build', pod: 'Pod', artifact: 'Artifact',
};

/** First Podman release whose generator reads the file type. */
export const TYPE_SINCE: Record<QuadletType | 'quadlets', string> = {
  container: '4.4', volume: '4.4', network: '4.4', kube: '4.4', image: '4.8', build: '5.2', pod: '5.0', artifact: '5.7', quadlets: '5.8',
};

const SYSTEMD_SECTIONS: Record<SystemdType, string[]> = {
  socket: ['Unit', 'Socket', 'Install'],
  service: ['Unit', 'Service', 'Install'],
  target: ['Unit', 'Install'],
  timer: ['Unit', 'Timer', 'Install'],
};

export function isQuadletType(t: string | undefined): t is QuadletType {
  return !!t && (QUADLET_TYPES as readonly string[]).includes(t);
}

export function isSystemdType(t: string | undefined): t is SystemdType {
  return !!t && (SYSTEMD_TYPES as readonly string[]).includes(t);
}

const QUADLET_SECTION_LISTS = new Map<UnitType, string[]>();

/** The sections a file type takes (shared: do not mutate; rules ask per unit). */
export function sectionsFor(type: UnitType): string[] {
  if (!isQuadletType(type)) return SYSTEMD_SECTIONS[type];
  let list = QUADLET_SECTION_LISTS.get(type);
  if (!list) QUADLET_SECTION_LISTS.set(type, (list = [MAIN_SECTION[type], 'Quadlet', 'Unit', 'Service', 'Install']));
  return list;
}

export type FileKind = 'unit' | 'dropin' | 'quadlets' | 'other';

export interface FileIdentity {
  kind: FileKind;
  /** Unit type: the file's own, or for a drop-in the type of the units it applies to. */
  type?: UnitType;
  /** File name without a template suffix: "web.container", "web@.container", "x.conf". */
  name: string;
  /** For drop-ins, the directory name without ".d": "web.container", "web-.container" or "container". */
  dropinTarget?: string;
  /** Jinja template (`.j2`): template statements are opaque. */
  template: boolean;
}

/** Index of the last "/" or "\\" before `end`, or -1. */
function lastSeparator(p: string, end: number): number {
  for (let i = end - 1; i >= 0; i--) {
    const c = p.charCodeAt(i);
    if (c === 47 || c === 92) return i;
  }
  return -1;
}

function basename(p: string): string {
  return p.slice(lastSeparator(p, p.length) + 1);
}

function parentName(p: string): string {
  const slash = lastSeparator(p, p.length);
  return slash === -1 ? '' : p.slice(lastSeparator(p, slash) + 1, slash);
}

/** The type names themselves (literals), so every unit's `type` is one shared string. */
const TYPE_NAMES = new Map<string, UnitType>([...QUADLET_TYPES, ...SYSTEMD_TYPES].map((t) => [t, t]));

function typeOfExtension(name: string): UnitType | 'quadlets' | undefined {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const ext = name.slice(dot + 1);
  if (ext === 'quadlets') return 'quadlets';
  return TYPE_NAMES.get(ext);
}

// A cold load asks about every path several times (walk, load order, bulk check, the file itself).
const IDENTITY_MEMO_LIMIT = 50_000;
let identityMemo = new Map<string, FileIdentity>();

/** What a file is, by its path (shared answers: do not mutate). */
export function identifyFile(path: string): FileIdentity {
  let identity = identityMemo.get(path);
  if (!identity) {
    if (identityMemo.size >= IDENTITY_MEMO_LIMIT) identityMemo = new Map();
    identityMemo.set(path, (identity = computeIdentity(path)));
  }
  return identity;
}

function computeIdentity(path: string): FileIdentity {
  const template = isTemplatePath(path);
  const raw = basename(path);
  const name = template ? raw.replace(/\.(j2|jinja2?)$/i, '') : raw;
  if (name.endsWith('.conf')) {
    const dir = parentName(path);
    if (dir.endsWith('.d')) {
      const target = dir.slice(0, -2);
      const type = TYPE_NAMES.get(target) ?? typeOfExtension(target);
      if (type && type !== 'quadlets') return { kind: 'dropin', type, name, dropinTarget: target, template };
    }
    return { kind: 'other', name, template };
  }
  const type = typeOfExtension(name);
  if (type === 'quadlets') return { kind: 'quadlets', name, template };
  if (type) return { kind: 'unit', type, name, template };
  return { kind: 'other', name, template };
}

/** "web@.container" → { base: "web", instance: "", template: true }; "web@a.container" → instance "a". */
export function unitNameParts(fileName: string): { stem: string; ext: string; prefix: string; instance?: string } {
  const dot = fileName.lastIndexOf('.');
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  const ext = dot > 0 ? fileName.slice(dot + 1) : '';
  const at = stem.indexOf('@');
  if (at === -1) return { stem, ext, prefix: stem };
  return { stem, ext, prefix: stem.slice(0, at), instance: stem.slice(at + 1) };
}
