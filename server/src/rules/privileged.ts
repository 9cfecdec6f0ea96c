// `privileged`: settings that hand a container (nearly) the powers of its owner on the host:
// --privileged, every capability (AddCapability=ALL, --cap-add=all), no SELinux separation
// (SecurityLabelDisable=true, --security-opt label=disable), the host's network together with
// published ports, and mounts of /, /etc or a Docker/Podman socket (Volume=, Mount=, -v).
// One finding per occurrence, on the word that grants it.

import { parsePodmanBool } from '../catalog/values/bool';
import { sensitiveHostPath } from '../catalog/values/host-paths';
import { splitArgs, splitStrv, wordItems } from '../catalog/values/lists';
import { parseCsvRecord } from '../catalog/values/mount';
import { MAIN_SECTION } from '../catalog/filetypes';
import { Entry, Range, valuePieceRange } from '../syntax/model';
import { ParsedUnit } from '../workspace/files';
import { podmanArgsOf } from '../workspace/podman-args';
import { portInventory } from '../workspace/ports/inventory';
import { lookup } from './lookup';
import { RuleContext, UnitRule } from './types';
import { UnitView } from '../workspace/unit-view';

export const messages = {
  privileged: '--privileged gives the container every capability, all host devices and no seccomp or SELinux confinement, so a compromised process controls whatever its owner can. Remove it and add only the capabilities or devices it needs (AddCapability=, AddDevice=).',
  allCaps: (via: string) => `${via} grants every Linux capability, close to --privileged. Name only the capabilities the container needs (e.g. AddCapability=NET_BIND_SERVICE).`,
  noLabel: (via: string) => `${via} turns off SELinux separation, so the container can read and write every host file it can reach. Relabel its volumes instead (:Z or :z on Volume=).`,
  hostPorts: (spec: string) => `Network=host ignores the published port ${spec}: every port the container listens on opens directly on all of the host's interfaces, and it reaches every service on the host's 127.0.0.1. Drop Network=host and keep the PublishPort= lines (bound to 127.0.0.1).`,
  mount: (path: string, what: string) => `Mounting ${path} gives the container ${what}, from which it can take over the host (or its owner's account). Mount only the files it needs, read-only.`,
};

interface Hit {
  unit: ParsedUnit;
  range: Range;
  message: string;
}

function piece(entry: Entry, start: number, end: number): Range {
  return valuePieceRange(entry, start, end);
}

/** `ALL` words of AddCapability= (any case, comma lists too). */
function capabilityHits(view: UnitView): Hit[] {
  const out: Hit[] = [];
  for (const { entry, unit } of view.values('Container', 'AddCapability')) {
    if (entry.templated) continue;
    for (const item of wordItems(splitStrv(entry.value).words, entry.value)) {
      if (item.text.toUpperCase() === 'ALL') out.push({ unit, range: piece(entry, item.start, item.end), message: messages.allCaps('AddCapability=ALL') });
    }
  }
  return out;
}

function labelHit(view: UnitView, version: string): Hit[] {
  const found = lookup(view, 'Container', 'SecurityLabelDisable', version);
  if (!found || found.at.entry.templated || parsePodmanBool(found.value).value !== true) return [];
  const { entry, unit } = found.at;
  return [{ unit, range: piece(entry, 0, entry.value.replace(/\s+$/, '').length), message: messages.noLabel('SecurityLabelDisable=true') }];
}

/** The source of a `-v`/Volume= value (`SRC:DEST[:OPTS]`), when it is a sensitive host path. */
function volumeSource(value: string): { end: number; what: string; path: string } | undefined {
  const colon = value.indexOf(':');
  if (colon <= 0) return undefined;
  const path = value.slice(0, colon);
  const what = sensitiveHostPath(path);
  return what ? { end: colon, what, path } : undefined;
}

function volumeHits(view: UnitView, section: string): Hit[] {
  const out: Hit[] = [];
  for (const { entry, unit } of view.values(section, 'Volume')) {
    if (entry.templated) continue;
    const src = volumeSource(entry.value);
    if (src) out.push({ unit, range: piece(entry, 0, src.end), message: messages.mount(src.path, src.what) });
  }
  return out;
}

/** Bind mounts of a sensitive path in Mount= (`type=bind,source=/,destination=/host`). */
function mountHits(view: UnitView): Hit[] {
  const out: Hit[] = [];
  for (const { entry, unit } of view.values('Container', 'Mount')) {
    if (entry.templated) continue;
    const { words, problems } = splitArgs(entry.value);
    if (problems.length) continue;
    for (const w of words) {
      const { fields, error } = parseCsvRecord(w.text);
      if (error || !fields.some((f) => f.text === 'type=bind')) continue;
      const source = fields.find((f) => /^(source|src)=/.test(f.text));
      const path = source?.text.slice(source.text.indexOf('=') + 1) ?? '';
      const what = sensitiveHostPath(path);
      if (!source || !what) continue;
      const exact = entry.value.slice(w.start, w.end) === w.text;
      const range = exact ? piece(entry, w.start + source.start, w.start + source.end) : piece(entry, w.start, w.end);
      out.push({ unit, range, message: messages.mount(path, what) });
    }
  }
  return out;
}

function podmanArgsHits(view: UnitView): Hit[] {
  const out: Hit[] = [];
  for (const o of podmanArgsOf(view, 'Container')) {
    const at = (start: number, end: number) => (o.valueStart === undefined ? o.range : piece(o.entry, o.valueStart + start, o.valueStart + end));
    if (o.option === 'privileged') out.push({ unit: o.unit, range: o.optionRange, message: messages.privileged });
    if (o.option === 'cap-add' && o.value.split(',').some((c) => c.toUpperCase() === 'ALL')) out.push({ unit: o.unit, range: o.range, message: messages.allCaps(`--cap-add ${o.value}`) });
    if (o.option === 'security-opt' && /^label[=:]disable$/.test(o.value)) out.push({ unit: o.unit, range: o.range, message: messages.noLabel(`--security-opt ${o.value}`) });
    if (o.option === 'volume') {
      const src = volumeSource(o.value);
      if (src) out.push({ unit: o.unit, range: at(0, src.end), message: messages.mount(src.path, src.what) });
    }
  }
  return out;
}

/** Published ports that Network=host discards (one per written specification). */
function hostNetworkPortHits(view: UnitView, ctx: RuleContext): Hit[] {
  const seen = new Set<string>();
  const out: Hit[] = [];
  for (const l of portInventory(ctx.workspace.index).ofUnit(view.main)) {
    const key = `${l.anchor.unit.file.path}:${l.anchor.range.start.line}:${l.anchor.range.start.character}`;
    if (l.inactive !== 'host-network' || seen.has(key)) continue;
    seen.add(key);
    out.push({ unit: l.anchor.unit, range: l.anchor.range, message: messages.hostPorts(l.text) });
  }
  return out;
}

export const privilegedRule: UnitRule = {
  code: 'privileged',
  kind: 'unit',
  severity: 'warning',
  summary: 'A setting that gives a container power over the host: --privileged, all capabilities, no SELinux label, host network with ports, a mount of /, /etc or an engine socket.',
  check(view, ctx) {
    const type = view.type;
    if ((type !== 'container' && type !== 'pod' && type !== 'kube') || view.main.identity.kind === 'dropin') return;
    const hits = [...hostNetworkPortHits(view, ctx)];
    if (type === 'pod') hits.push(...volumeHits(view, MAIN_SECTION.pod));
    if (type === 'container') {
      hits.push(...podmanArgsHits(view), ...capabilityHits(view), ...labelHit(view, ctx.settings.podmanVersion), ...volumeHits(view, 'Container'), ...mountHits(view));
    }
    for (const h of hits) ctx.report(h);
  },
};
