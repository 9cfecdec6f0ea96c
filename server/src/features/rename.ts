// Renaming a quadlet: the file, its own drop-in directory, and every reference in its scope, in one
// undoable change. References by generated name (db-network.service, systemd-db) follow when the
// generated name changes; a socket that found its service by name gets an explicit Service= line.
// Refused when the new name is taken (never overwrite) or the unit lives inside a `.quadlets` file.

import { isQuadletType, isSystemdType, unitNameParts } from '../catalog/filetypes';
import { Position, Range } from '../syntax/model';
import { ParsedUnit } from '../workspace/files';
import { GeneratedNames, NameSource, generatedNames } from '../workspace/names';
import { FileChange, TextEdit, WorkspaceChange } from './edits';
import { NavContext, referenceAt, referencesTo, resolve, unitAt, viewOf } from './references';

export type RenameResult = { change: WorkspaceChange } | { error: string };

/** The unit a rename at this position is about, and the range the editor shows for the name. */
export function prepareRename(ctx: NavContext, path: string, position: Position): { unit: ParsedUnit; range?: Range; placeholder: string } | { error: string } {
  const found = referenceAt(ctx, path, position);
  let unit: ParsedUnit | undefined;
  let range: Range | undefined;
  if (found) {
    const res = resolve(ctx, found);
    if (res.status !== 'found') return { error: `${found.ref.name} does not resolve to a unit of this scope, so there is nothing to rename.` };
    unit = res.target;
    if (found.ref.form === 'quadlet') range = found.ref.range;
  } else unit = unitAt(ctx, path, position);
  if (!unit) return { error: 'Place the cursor on a reference or in a unit file to rename a quadlet.' };
  if (unit.part) return { error: `${unit.name} is a part of ${unit.file.path}; edit its FileName= line instead.` };
  return { unit, range, placeholder: unit.name };
}

/** Same view, another file name: what the generator would call the renamed unit. */
function renamedNames(ctx: NavContext, unit: ParsedUnit, newName: string): GeneratedNames | undefined {
  const view = viewOf(ctx, unit);
  const src: NameSource = { type: view.type, name: newName, lastValue: (s, k) => view.lastValue(s, k), allValues: (s, k) => view.allValues(s, k) };
  return generatedNames(src, ctx.podmanVersion);
}

function dirOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}

/** "web@prod.service" of the template "web@.service" renamed to "api@.service" → "api@prod.service". */
function renameInstance(written: string, oldName: string, newName: string): string {
  if (written === oldName) return newName;
  const w = unitNameParts(written);
  const n = unitNameParts(newName);
  return w.instance && n.instance === '' ? `${n.prefix}@${w.instance}.${n.ext}` : newName;
}

export function normaliseNewName(oldName: string, requested: string): string | { error: string } {
  const ext = unitNameParts(oldName).ext;
  const name = requested.trim();
  if (!name || /[/\\\s]/.test(name)) return { error: `"${requested}" is not a valid unit file name.` };
  const other = /\.([a-z]+)$/.exec(name)?.[1];
  if (other && other !== ext && (isQuadletType(other) || isSystemdType(other))) return { error: `"${requested}" would turn a .${ext} file into a .${other} file; keep the extension.` };
  const full = name.endsWith(`.${ext}`) ? name : `${name}.${ext}`;
  if (unitNameParts(full).stem === '' || full.includes('/')) return { error: `"${requested}" is not a valid unit file name.` };
  return full;
}

export function renameUnit(ctx: NavContext, path: string, position: Position, requested: string): RenameResult {
  const prepared = prepareRename(ctx, path, position);
  if ('error' in prepared) return prepared;
  const unit = prepared.unit;
  const newName = normaliseNewName(unit.name, requested);
  if (typeof newName !== 'string') return newName;
  if (newName === unit.name) return { change: { changes: [] } };
  const scope = unit.file.placement.scope;
  const newPath = `${dirOf(unit.file.path)}/${newName}`;
  if (ctx.index.getFile(newPath)) return { error: `${newPath} already exists; quadlet-ls never overwrites a file.` };
  const taken = ctx.index.candidates(scope, newName)[0];
  if (taken) return { error: `${newName} already exists in this scope (${taken.file.path}).` };

  const oldNames = renamedNames(ctx, unit, unit.name);
  const newNames = renamedNames(ctx, unit, newName);
  const edits = new Map<string, TextEdit[]>();
  const edit = (p: string, range: Range, newText: string) => edits.set(p, [...(edits.get(p) ?? []), { range, newText }]);

  for (const { ref, owner } of referencesTo(ctx, unit)) {
    if (ref.implicit) {
      // "db.socket" started "db.service" by name; keep it pointing at the renamed service.
      if (newNames && oldNames && newNames.service !== oldNames.service) {
        const header = owner.doc.sections.find((s) => s.name === ref.section);
        if (header) edit(owner.file.path, { start: header.headerRange.end, end: header.headerRange.end }, `${owner.doc.eol}${ref.key}=${newNames.service}`);
      }
      continue;
    }
    if (ref.form === 'quadlet') edit(ref.unit.file.path, ref.range, newName);
    else if (ref.form === 'unit' && newNames && oldNames && newNames.service !== oldNames.service) edit(ref.unit.file.path, ref.range, renameInstance(ref.name, oldNames.service, newNames.service));
    else if (ref.form === 'object' && newNames?.object && oldNames?.object && newNames.object.name !== oldNames.object.name) edit(ref.unit.file.path, ref.range, newNames.object.name);
  }

  const changes: FileChange[] = [...edits].map(([p, e]) => ({ kind: 'edit' as const, path: p, edits: e }));
  // Text edits first (on the old paths), then the renames.
  changes.push({ kind: 'rename', from: unit.file.path, to: newPath });
  const dropinDirs = new Set<string>();
  for (const d of ctx.index.dropinCandidates(unit)) if (d.identity.dropinTarget === unit.name) dropinDirs.add(dirOf(d.file.path));
  for (const dir of dropinDirs) {
    const to = `${dirOf(dir)}/${newName}.d`;
    if ([...ctx.index.allFiles()].some((f) => f.path.startsWith(to + '/'))) return { error: `${to} already exists; quadlet-ls never overwrites a file.` };
    changes.push({ kind: 'rename', from: dir, to });
  }
  return { change: { changes } };
}
