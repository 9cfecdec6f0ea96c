// Editor front end of the activator engine: refactorings on PublishPort= lines and on the [Container] /
// [Pod] header, and the quick fix for `cross-user-reference` diagnostics that point at another user's
// container ("reach it through a socket activator in its owner's scope").

import { MAIN_SECTION, QuadletType, unitNameParts } from '../../catalog/filetypes';
import { Diagnostic } from '../../syntax/diagnostic';
import { Entry, Range, valuePieceRange } from '../../syntax/model';
import { splitWords } from '../../syntax/words';
import { ParsedUnit, SourceFile } from '../../workspace/files';
import { CodeAction, FileChange, TextEdit } from '../edits';
import type { FixContext } from '../quick-fixes';
import { NEWEST_KNOWN } from '../../catalog/versions';
import { activatorEnv, fileExists } from './env';
import { ListenerRef } from './port-allocator';
import { ActivatorEnv, PlannedActivator, activatablePublishes, containerPod, planActivator } from './plan';

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function unitAtLine(file: SourceFile, line: number): ParsedUnit | undefined {
  return file.units().find((u) => line >= u.doc.firstLine && line <= u.doc.lastLine);
}

/** The container or pod whose activator an edit in this unit would generate. */
function targetOf(unit: ParsedUnit, env: ActivatorEnv): ParsedUnit | undefined {
  if (unit.type !== 'container' && unit.type !== 'pod') return undefined;
  const target = unit.identity.kind === 'dropin' ? env.index.unitsForDropin(unit) : [unit];
  if (target.length !== 1) return undefined;
  // A container in a pod publishes nothing itself; the actions live on the pod.
  return containerPod(target[0], env) === 'none' ? target[0] : undefined;
}

function renamedSuffix(plan: PlannedActivator): string {
  const expected = `${unitNameParts(plan.unit.name).stem}-activator.socket`;
  const name = basename(plan.socketPath);
  return plan.strategy === 'proxy' && name !== expected ? ` (as ${name.replace(/\.socket$/, '')}, the usual name is taken)` : '';
}

/** Refactorings offered on a PublishPort= line or on the main section's header. */
export function activatorCodeActions(file: SourceFile, range: Range, env: ActivatorEnv): CodeAction[] {
  const line = range.start.line;
  const unit = unitAtLine(file, line);
  if (!unit) return [];
  const target = targetOf(unit, env);
  if (!target) return [];
  const section = MAIN_SECTION[unit.type as QuadletType];
  const entry = unit.doc.entries.find((e) => e.key === 'PublishPort' && e.section.name === section && line >= e.line && line <= e.endLine);
  let refs: ListenerRef[];
  if (entry) refs = [{ file: file.path, line: entry.line }];
  else if (unit === target && unit.doc.sections.some((s) => s.name === section && s.headerRange.start.line === line)) {
    refs = activatablePublishes(target, env).map((p) => ({ file: p.sourced.unit.file.path, line: p.sourced.entry.line }));
  } else return [];

  const out: CodeAction[] = [];
  for (const publish of refs) {
    const proxy = planActivator(target, { publish, onExisting: 'rename' }, env);
    if (proxy.kind === 'plan') out.push({ title: `Generate socket activator for ${proxy.listen}…${renamedSuffix(proxy)}`, kind: 'refactor', change: proxy.change });
    if (target.type !== 'container') continue;
    const native = planActivator(target, { publish, strategy: 'native', onExisting: 'refuse' }, env);
    if (native.kind === 'plan') {
      out.push({ title: `Socket-activate ${native.service} natively on ${native.listen} (the image must accept systemd sockets)…`, kind: 'refactor', change: native.change });
    }
  }
  return out;
}

// [Unit] keys whose values name other units; a reference across users is meaningless in all of them.
const DEPENDENCY_KEYS = new Set([
  'Requires', 'Requisite', 'Wants', 'BindsTo', 'PartOf', 'Upholds', 'Conflicts', 'Before', 'After', 'OnFailure', 'OnSuccess',
  'PropagatesReloadTo', 'ReloadPropagatedFrom', 'PropagatesStopTo', 'StopPropagatedFrom', 'JoinsNamespaceOf',
]);

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** Removes the referenced unit name from a [Unit] dependency list (the whole line when it is the only one). */
export function removeDependencyEdit(file: SourceFile, range: Range): { edit: TextEdit; name: string } | undefined {
  const unit = unitAtLine(file, range.start.line);
  const entry = unit?.doc.entries.find((e: Entry) => e.section.name === 'Unit' && DEPENDENCY_KEYS.has(e.key) && range.start.line >= e.line && range.start.line <= e.endLine);
  if (!unit || !entry) return undefined;
  const words = splitWords(entry.value).words;
  const i = words.findIndex((w) => {
    const r = valuePieceRange(entry, w.start, w.end);
    return before(r.start, range.start) && before(range.start, r.end);
  });
  if (i === -1) return undefined;
  const name = words[i].text;
  if (words.length === 1) {
    const lines = unit.doc.lines;
    const end = entry.endLine + 1 < lines.length ? { line: entry.endLine + 1, character: 0 } : { line: entry.endLine, character: lines[entry.endLine].length };
    return { edit: { range: { start: { line: entry.line, character: 0 }, end }, newText: '' }, name };
  }
  // Take the blanks after the word (or before it, for the last word) with it.
  const [from, to] = i + 1 < words.length ? [words[i].start, words[i + 1].start] : [words[i - 1].end, words[i].end];
  let r = valuePieceRange(entry, from, to);
  if (r.start.line !== r.end.line) r = valuePieceRange(entry, words[i].start, words[i].end);
  return { edit: { range: r, newText: '' }, name };
}

function withEdit(change: FileChange[], path: string, edit: TextEdit | undefined): FileChange[] {
  return edit ? [...change, { kind: 'edit', path, edits: [edit] }] : change;
}

/** Quick fix for `cross-user-reference` when the diagnostic's related location is a container or pod. */
export function crossUserActivatorFixes(diagnostic: Diagnostic, file: SourceFile, env: ActivatorEnv): CodeAction[] {
  // The related location names the target; the rule's data carries its path too.
  const related = diagnostic.related?.[0];
  const dataTarget = typeof diagnostic.data?.target === 'string' ? diagnostic.data.target : undefined;
  const targetFile = env.index.getFile(related?.file ?? dataTarget ?? '');
  const target = targetFile && unitAtLine(targetFile, related && related.file === targetFile.path ? related.range.start.line : 0);
  if (!target || (target.type !== 'container' && target.type !== 'pod') || target.identity.kind === 'dropin') return [];
  const stem = unitNameParts(target.name).stem;
  const owner = target.file.placement.scope.owner;
  const scope = owner === undefined ? 'its owner\'s scope' : `${owner}'s scope`;
  const removal = removeDependencyEdit(file, diagnostic.range);
  const fix = (title: string, changes: FileChange[]): CodeAction => ({ title, kind: 'quickfix', fixes: [diagnostic.code], change: { changes } });

  const single = planActivator(target, { onExisting: 'rename' }, env);
  if (single.kind === 'plan') return [fix(`Reach ${stem} through a socket activator in ${scope}`, withEdit(single.change.changes, file.path, removal?.edit))];
  if (single.kind === 'up-to-date') {
    return removal ? [fix(`Drop the dependency on ${removal.name}: ${stem} is reached through its socket activator`, withEdit([], file.path, removal.edit))] : [];
  }
  // Several published ports: one fix per port.
  const out: CodeAction[] = [];
  const pod = containerPod(target, env);
  const provider = pod === 'none' ? target : pod === 'missing' ? undefined : pod;
  for (const p of provider ? activatablePublishes(provider, env) : []) {
    const plan = planActivator(target, { publish: { file: p.sourced.unit.file.path, line: p.sourced.entry.line }, onExisting: 'rename' }, env);
    if (plan.kind === 'plan') out.push(fix(`Reach ${stem} through a socket activator in ${scope} (${plan.listen})`, withEdit(plan.change.changes, file.path, removal?.edit)));
  }
  return out;
}

/** The `cross-user-reference` fixer (needs the workspace; the related location names the target). */
export function crossUserActivatorFixer({ diagnostic, file, index, settings }: FixContext): CodeAction[] {
  if (!index) return [];
  return crossUserActivatorFixes(diagnostic, file, activatorEnv(index, settings ?? { podmanVersion: NEWEST_KNOWN }, fileExists(index)));
}
