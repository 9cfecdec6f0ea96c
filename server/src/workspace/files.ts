// A source file in the workspace and the units it holds. Parsing happens once per text version;
// every rule and feature reads the same cached model.

import { FileIdentity, UnitType, identifyFile } from '../catalog/filetypes';
import { isNetworkdFile } from '../catalog/networkd';
import { UnitDocument } from '../syntax/model';
import { parseUnit } from '../syntax/parser';
import { QuadletsPart, splitQuadletsParts } from '../syntax/multi';
import { Placement } from './scopes';
import type { UnitDropins } from './index';

/** One unit definition: a whole file, or one part of a `.quadlets` file. */
export interface ParsedUnit {
  file: SourceFile;
  /** The unit's file name ("web.container"); for a `.quadlets` part, its declared FileName. */
  name: string;
  identity: FileIdentity;
  type?: UnitType;
  doc: UnitDocument;
  part?: QuadletsPart;
  /** A systemd-networkd `.network` file: not a quadlet, never flagged. */
  foreign?: 'systemd-networkd';
  /** index.ts's drop-in lists of the unit, kept on it (a WeakMap keyed by 10,000 units cost the garbage collector more than a field). */
  dropins: UnitDropins | undefined;
}

export interface SkipReason {
  kind: 'too-large' | 'binary' | 'unreadable' | 'special' | 'gone';
  message: string;
}

export class SourceFile {
  readonly identity: FileIdentity;
  private cached?: { version: number; units: ParsedUnit[] };

  constructor(
    readonly path: string,
    public text: string,
    public version: number,
    public placement: Placement,
    public skipped?: SkipReason,
    /** Problems found while decoding the bytes (invalid UTF-8), reported as syntax issues. */
    public decodeProblem?: string,
  ) {
    this.identity = identifyFile(path);
  }

  update(text: string, version: number, skipped?: SkipReason, decodeProblem?: string): void {
    this.text = text;
    this.version = version;
    this.skipped = skipped;
    this.decodeProblem = decodeProblem;
  }

  get isUnitLike(): boolean {
    return this.identity.kind !== 'other';
  }

  units(): ParsedUnit[] {
    if (this.cached?.version === this.version) return this.cached.units;
    const units = this.skipped || !this.isUnitLike ? [] : this.parse();
    this.cached = { version: this.version, units };
    return units;
  }

  private parse(): ParsedUnit[] {
    const template = this.identity.template;
    if (this.identity.kind === 'quadlets') {
      return splitQuadletsParts(this.text).map((part) => {
        const name = part.fileName ?? this.identity.name;
        const identity = identifyFile(name);
        const doc = parseUnit(this.text, { template, firstLine: part.firstLine, lastLine: part.lastLine });
        return { file: this, name, identity: { ...identity, template }, type: identity.type, doc, part, foreign: undefined, dropins: undefined };
      });
    }
    const doc = parseUnit(this.text, { template });
    const unit: ParsedUnit = { file: this, name: this.identity.name, identity: this.identity, type: this.identity.type, doc, part: undefined, foreign: undefined, dropins: undefined };
    if (this.identity.type === 'network' && this.identity.kind === 'unit' && isNetworkdFile(doc, this.path)) unit.foreign = 'systemd-networkd';
    return [unit];
  }
}
