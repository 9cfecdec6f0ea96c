// Turns what the generator printed into diagnostics on the user's files (source and code
// "podman"). The exit code is not trusted (errors exit 1, some problems exit 0, a panic exits 2):
// only the text decides.

import { Diagnostic, Severity } from '../../syntax/diagnostic';
import { ParsedUnit } from '../../workspace/files';
import { WorkspaceIndex } from '../../workspace/index';
import { UnitView } from '../../workspace/unit-view';
import { lineSpot, spotFor, Spot } from './locate-key';
import { GeneratedUnit } from './output';
import { ParsedStderr } from './stderr';
import { Stage } from './stage';
import { escapeWarningKey, hasUnsupportedEscape } from './escapes';

export interface Attribution {
  diagnostics: Diagnostic[];
  /** Messages that belong to no file (shown in the output / on stderr). */
  general: string[];
}

export interface AttributionInput {
  index: WorkspaceIndex;
  stage: Stage;
  stderr: ParsedStderr;
  units: GeneratedUnit[];
  /** The file the user asked about: the crash is reported there when the culprit is unclear. */
  focus?: string;
}

const basename = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const CONVERTER_TYPES: Record<string, string> = {
  ConvertContainer: 'container', ConvertKube: 'kube', ConvertNetwork: 'network', ConvertVolume: 'volume',
  ConvertImage: 'image', ConvertBuild: 'build', ConvertPod: 'pod', ConvertArtifact: 'artifact',
};

export function attributeMessages(input: AttributionInput): Attribution {
  const { index, stage, stderr, units } = input;
  const diagnostics: Diagnostic[] = [];
  const general: string[] = [];
  const unitOf = (path: string): ParsedUnit | undefined => index.getFile(path)?.units()[0];
  const viewOf = (u: ParsedUnit) => new UnitView(u, u.identity.kind === 'dropin' ? [] : index.dropinsFor(u));
  const push = (spot: Spot, severity: Severity, message: string, related?: Diagnostic['related']) =>
    diagnostics.push({ file: spot.unit.file.path, range: spot.range, severity, code: 'podman', source: 'podman', message, ...(related ? { related } : {}) });

  const stagedUnits = stage.files.filter((f) => unitOf(f.source)?.identity.kind === 'unit');
  const brokenTemp = new Set(stderr.messages.filter((m) => m.kind === 'load-error' && m.subject).map((m) => m.subject!));
  // `converting "x.container"` names only the file: the first file of that name the generator
  // loaded (and could parse) is the one it converted.
  const loadOrder = stderr.loadedUnits.length ? stderr.loadedUnits : stagedUnits.map((f) => f.temp);
  const byName = new Map<string, string>();
  for (const temp of loadOrder) {
    const source = stage.toSource(temp);
    if (source && !brokenTemp.has(temp) && !byName.has(basename(temp))) byName.set(basename(temp), source);
  }
  const generatedFrom = new Set(units.map((u) => u.sourcePath && stage.toSource(u.sourcePath)).filter(Boolean) as string[]);

  for (const m of stderr.messages) {
    const text = stage.restorePaths(m.text);
    if (m.kind === 'load-error') {
      const source = m.subject ? stage.toSource(m.subject) : undefined;
      const unit = source && unitOf(source);
      if (!unit) {
        general.push(`error loading "${stage.restorePaths(m.subject ?? '')}", ${text}`);
        continue;
      }
      const range = lineSpot(unit.doc, m.line ? m.line - 1 : unit.doc.firstLine);
      push({ unit, range }, 'error', `Podman cannot read this file: ${text}`);
      if (unit.identity.kind === 'unit') reportDroppedSiblings(m.subject!, { unit, range });
    } else if (m.kind === 'convert-error' || (m.kind === 'warning' && m.subject)) {
      const source = byName.get(m.subject!);
      const unit = source && unitOf(source);
      if (!unit) {
        general.push(`${m.subject}: ${text}`);
        continue;
      }
      push(spotFor(viewOf(unit), text), m.kind === 'warning' ? 'warning' : 'error', text);
    } else if (m.kind === 'warning') {
      if (!reportUnnamedWarning(text)) general.push(text);
    } else {
      general.push(m.kind === 'dir-error' ? `error reading directory "${stage.restorePaths(m.subject ?? '')}", ${text}` : text);
    }
  }
  if (stderr.panic) reportPanic();
  return { diagnostics: dedupe(diagnostics), general: [...new Set(general)] };

  // A parse error makes Podman drop every unit of the same directory, silently (generator-facts §3.4).
  function reportDroppedSiblings(brokenFile: string, broken: Spot): void {
    const dir = brokenFile.slice(0, brokenFile.lastIndexOf('/'));
    for (const f of stagedUnits) {
      if (brokenTemp.has(f.temp) || f.temp.slice(0, f.temp.lastIndexOf('/')) !== dir) continue;
      if (generatedFrom.has(f.source)) continue;
      const unit = unitOf(f.source)!;
      push({ unit, range: lineSpot(unit.doc, unit.doc.firstLine) }, 'error',
        `Podman skips this unit without saying so: ${basename(broken.unit.file.path)} in the same directory cannot be parsed, and one unreadable file drops every unit of its directory.`,
        [{ file: broken.unit.file.path, range: broken.range, message: 'the file Podman cannot parse' }]);
    }
  }

  // Warnings without a file name: find the units that can cause them.
  function reportUnnamedWarning(text: string): boolean {
    const views = stagedUnits.map((f) => unitOf(f.source)).filter((u): u is ParsedUnit => !!u).map(viewOf);
    if (text === 'unsupported escape char') {
      // One warning per bad value; report every value that can cause it (deduplicated at the end).
      let found = false;
      for (const view of views) {
        for (const unit of view.documents) {
          for (const e of unit.doc.entries) {
            if (!escapeWarningKey(e.section.name, e.key) || !hasUnsupportedEscape(e.value)) continue;
            push({ unit, range: e.keyRange }, 'warning', 'unsupported escape char: Podman drops this value.');
            found = true;
          }
        }
      }
      return found;
    }
    const key = /key (\w+) in the (\w+) group/.exec(text);
    if (key) {
      const hits = views.flatMap((v) => v.all(key[2], key[1]));
      for (const h of hits) push({ unit: h.unit, range: h.entry.keyRange }, 'warning', text);
      if (hits.length) return true;
    }
    if (views.length === 1) {
      push(spotFor(views[0], text), 'warning', text);
      return true;
    }
    return false;
  }

  // A panic stops the generator: later units and (in 5.4) every held-back error are lost.
  function reportPanic(): void {
    const p = stderr.panic!;
    const type = p.converter ? CONVERTER_TYPES[p.converter] : undefined;
    const missing = stagedUnits.filter((f) => !generatedFrom.has(f.source) && !brokenTemp.has(f.temp));
    const suspects = missing.filter((f) => !type || unitOf(f.source)?.type === type);
    const pick = suspects.find((f) => f.source === input.focus) ?? suspects[0];
    const where = [p.where && `at ${p.where}`, p.converter && `in ${p.converter}`].filter(Boolean).join(' ');
    const lost = missing.map((f) => basename(f.source));
    const message =
      `Podman's generator crashed (panic: ${p.reason}${where ? `, ${where}` : ''}). ` +
      (suspects.length > 1 ? `The crash happened while converting one of: ${suspects.map((f) => basename(f.source)).join(', ')}. ` : '') +
      `Not generated: ${lost.join(', ') || 'none'}; other error messages of this run are lost.`;
    const unit = pick ? unitOf(pick.source) : undefined;
    if (unit) push({ unit, range: lineSpot(unit.doc, unit.doc.firstLine) }, 'error', message);
    else general.push(message);
  }
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.file}|${d.range.start.line}:${d.range.start.character}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
