// The host-wide port inventory: every listener of every scope, kept up to date as files change
// (the index calls add/remove for each unit, and fileChanged for other files such as the YAML a
// .kube plays). Listeners are stored by owning unit and in per-host, per-protocol port blocks.

import { PortRange, Protocol } from '../../catalog/values/ports';
import { ParsedUnit } from '../files';
import type { WorkspaceIndex } from '../index';
import { Inventory } from '../inventory';
import { unitKey } from '../queries';
import { UnitView } from '../unit-view';
import { extractListeners } from './extract';
import { BLOCK, blocksOf, touchedKeys } from './keys';
import { Listener, formatAddress, formatPorts } from './model';
import { rangesOverlap } from './overlap';

export class PortInventory implements Inventory {
  private readonly byUnit = new Map<ParsedUnit, Listener[]>();
  private readonly blocks = new Map<string, Set<Listener>>();
  /** YAML path → .kube units that name it; and the reverse. */
  private readonly yamlUsers = new Map<string, Set<ParsedUnit>>();
  private readonly yamlOf = new Map<ParsedUnit, string[]>();
  /** Grows on every change, so views can tell whether to refresh. */
  version = 0;
  /** Order-independent sums of two hashes of every listener's fingerprint (see signature()). */
  private sumA = 0;
  private sumB = 0;
  private count = 0;
  /** The sums are kept only once someone asked for the signature (a one-shot check never does). */
  private summing = false;
  /** Listeners by id, built on first use (the quick fixes ask; a one-shot check never does). */
  private ids?: Map<string, Listener>;

  constructor(private readonly index: WorkspaceIndex) {}

  add(unit: ParsedUnit): string[] {
    if (unit.identity.kind === 'dropin') return this.refresh(this.index.unitsForDropin(unit));
    return this.put(unit);
  }

  remove(unit: ParsedUnit): string[] {
    if (unit.identity.kind === 'dropin') return this.refresh(this.index.unitsForDropin(unit));
    return this.drop(unit);
  }

  bulkAdd(unit: ParsedUnit, view: UnitView): void {
    this.put(unit, view, false);
  }

  /** A non-unit file changed or went away: re-read the units that play it (as YAML). */
  fileChanged(path: string): string[] {
    const users = this.yamlUsers.get(path);
    if (!users?.size) return [];
    const units = [...users];
    return [...this.refresh(units), ...units.map((u) => unitKey(u.file.placement.scope.host, u.name))];
  }

  /** Files the inventory would read if the index held them (YAML named by .kube files). */
  wantedFiles(): string[] {
    return [...this.yamlUsers.keys()];
  }

  /**
   * A fingerprint of every listener (position, ports, address, state), to tell real changes from
   * re-parses. Kept up to date as listeners come and go (two 32-bit hash sums and a count), so it
   * costs nothing per publish; building it from all listeners cost O(listeners) per edit.
   */
  signature(): string {
    if (!this.summing) {
      this.summing = true;
      for (const listeners of this.byUnit.values()) this.sum(listeners, 1);
    }
    return `${this.count}:${this.sumA >>> 0}:${this.sumB >>> 0}`;
  }

  private account(listeners: Listener[], sign: 1 | -1): void {
    const ids = this.ids;
    if (ids) {
      for (const l of listeners) {
        if (sign > 0) ids.set(l.id, l);
        else if (ids.get(l.id) === l) ids.delete(l.id);
      }
    }
    if (this.summing) this.sum(listeners, sign);
  }

  private sum(listeners: Listener[], sign: 1 | -1): void {
    for (const l of listeners) {
      const [a, b] = hashes(`${l.id}|${formatPorts(l.ports)}|${formatAddress(l.address)}|${l.inactive ?? ''}`);
      this.sumA = (this.sumA + sign * a) | 0;
      this.sumB = (this.sumB + sign * b) | 0;
      this.count += sign;
    }
  }

  all(): Listener[] {
    return [...this.byUnit.values()].flat();
  }

  ofUnit(unit: ParsedUnit): Listener[] {
    return this.byUnit.get(unit) ?? [];
  }

  byId(id: string): Listener | undefined {
    if (!this.ids) {
      this.ids = new Map();
      for (const listeners of this.byUnit.values()) for (const l of listeners) this.ids.set(l.id, l);
    }
    return this.ids.get(id);
  }

  /** Listeners with fixed host ports on that host and protocol whose ports overlap the range. */
  near(host: string, protocol: Protocol, ports: PortRange): Listener[] {
    const first = Math.floor(ports.from / BLOCK);
    if (first === Math.floor(ports.to / BLOCK)) {
      // One block (almost every range): its set has each listener once, no deduplication needed.
      const out: Listener[] = [];
      for (const l of this.blocks.get(blockId(host, protocol, first)) ?? []) if (l.ports && rangesOverlap(l.ports, ports)) out.push(l);
      return out;
    }
    const out = new Set<Listener>();
    for (const b of blocksOf(ports)) {
      for (const l of this.blocks.get(blockId(host, protocol, b)) ?? []) if (l.ports && rangesOverlap(l.ports, ports)) out.add(l);
    }
    return [...out];
  }

  private refresh(units: ParsedUnit[]): string[] {
    const keys: string[] = [];
    for (const u of units) keys.push(...this.drop(u), ...this.put(u));
    return keys;
  }

  private put(unit: ParsedUnit, view = new UnitView(unit, this.index.dropinsFor(unit)), wantKeys = true): string[] {
    const { listeners, yamlFiles } = extractListeners(view, { readText: (p) => this.index.getFile(p)?.text });
    if (yamlFiles.length) {
      this.yamlOf.set(unit, yamlFiles);
      for (const y of yamlFiles) {
        let set = this.yamlUsers.get(y);
        if (!set) this.yamlUsers.set(y, (set = new Set()));
        set.add(unit);
      }
    }
    if (!listeners.length) return [];
    this.byUnit.set(unit, listeners);
    this.account(listeners, 1);
    this.version++;
    const keys: string[] = [];
    for (const l of listeners) {
      if (!l.ports) continue;
      for (const id of blockIdsOf(l, l.ports)) {
        let set = this.blocks.get(id);
        if (!set) this.blocks.set(id, (set = new Set()));
        set.add(l);
      }
      if (wantKeys) keys.push(...touchedKeys(l.host, l.protocol, l.ports));
    }
    return keys;
  }

  private drop(unit: ParsedUnit): string[] {
    for (const y of this.yamlOf.get(unit) ?? []) {
      const set = this.yamlUsers.get(y);
      set?.delete(unit);
      if (set && set.size === 0) this.yamlUsers.delete(y);
    }
    this.yamlOf.delete(unit);
    const listeners = this.byUnit.get(unit);
    if (!listeners) return [];
    this.byUnit.delete(unit);
    this.account(listeners, -1);
    this.version++;
    const keys: string[] = [];
    for (const l of listeners) {
      if (!l.ports) continue;
      for (const id of blockIdsOf(l, l.ports)) {
        const set = this.blocks.get(id);
        set?.delete(l);
        if (set && set.size === 0) this.blocks.delete(id);
      }
      keys.push(...touchedKeys(l.host, l.protocol, l.ports));
    }
    return keys;
  }
}

/** FNV-1a and djb2 of a string (two independent 32-bit hashes). */
function hashes(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 5381;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = (Math.imul(b, 33) + c) | 0;
  }
  return [a, b];
}

function blockId(host: string, protocol: Protocol, block: number): string {
  return `${host}\u0000${protocol}\u0000${block}`;
}

/** The ids of the blocks a listener's host ports fall in (where add and drop file it). */
function blockIdsOf(l: Listener, ports: PortRange): string[] {
  return blocksOf(ports).map((b) => blockId(l.host, l.protocol, b));
}

const attached = new WeakMap<WorkspaceIndex, PortInventory>();

/** The port inventory of an index, attached on first use (the analysis attaches it up front). */
export function portInventory(index: WorkspaceIndex): PortInventory {
  let inv = attached.get(index);
  if (!inv) {
    inv = new PortInventory(index);
    attached.set(index, inv);
    index.addInventory(inv);
  }
  return inv;
}
