// `quadlet-ls activate FILE [--listen ADDR:PORT] [--strategy proxy|native] [--idle-timeout DURATION] [--write]`
// Plans a socket activator for a .container or .pod and prints it as a unified diff. Writes only with
// --write, and then never overwrites: if a file to create exists, or a file to edit changed on disk,
// nothing is written and the exit status is 2.

import { promises as fs, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { applyTextEdits } from '../features/edits';
import { activatorEnv } from '../features/activator/env';
import { PlannedActivator, Strategy, isTimeSpan, planActivator } from '../features/activator/plan';
import { normalisePath } from '../workspace/scopes';
import { ParsedArgs, UsageError, option } from './args';
import { displayPath } from './format';
import { CliIo } from './io';
import { findConfig, loadWorkspace } from './load';
import { unifiedDiff } from './diff';

export const ACTIVATE_USAGE =
  'quadlet-ls activate FILE [--listen ADDR:PORT] [--strategy proxy|native] [--idle-timeout DURATION] [--write] [--config FILE] [--podman-version X.Y]';

interface FileWrite {
  path: string;
  /** undefined: create (must not exist). */
  before?: string;
  after: string;
}

/** What to load: the config's directory if there is one, else the quadlet directory and its systemd twin. */
async function rootsFor(file: string): Promise<string[]> {
  const config = await findConfig(dirname(file));
  if (config) return [dirname(config)];
  const p = normalisePath(file);
  const hostTree = /^(.*\/hosts\/[^/]+)\//.exec(p);
  if (hostTree) return [hostTree[1]];
  const user = /^(.*)\/\.config\/containers\/systemd\//.exec(p);
  const root = /^(.*)\/etc\/containers\/systemd\//.exec(p);
  const dirs = user ? [`${user[1]}/.config/containers/systemd`, `${user[1]}/.config/systemd/user`] : root ? [`${root[1]}/etc/containers/systemd`, `${root[1]}/etc/systemd/system`] : [dirname(p)];
  return dirs.filter((d, i) => i === 0 || existsSync(d));
}

function plannedWrites(plan: PlannedActivator, textOf: (path: string) => string | undefined): FileWrite[] {
  return plan.change.changes.map((c) => {
    if (c.kind === 'create') return { path: c.path, after: c.text };
    if (c.kind === 'edit') {
      const before = textOf(c.path);
      if (before === undefined) throw new Error(`${c.path} is not loaded`);
      return { path: c.path, before, after: applyTextEdits(before, c.edits) };
    }
    throw new Error('activate never renames files');
  });
}

/** Writes everything or nothing: checks first, creates with O_EXCL, removes what it created on failure. */
async function writeAll(writes: FileWrite[]): Promise<string | undefined> {
  for (const w of writes) {
    if (w.before === undefined) {
      if (existsSync(w.path)) return `${w.path} exists; nothing was written`;
    } else {
      const now = await fs.readFile(w.path, 'utf8').catch(() => undefined);
      if (now !== w.before) return `${w.path} changed since it was read; nothing was written`;
    }
  }
  const created: string[] = [];
  try {
    for (const w of writes.filter((x) => x.before === undefined)) {
      await fs.mkdir(dirname(w.path), { recursive: true });
      await fs.writeFile(w.path, w.after, { flag: 'wx' });
      created.push(w.path);
    }
  } catch (e) {
    await Promise.all(created.map((p) => fs.unlink(p).catch(() => undefined)));
    return `${(e as NodeJS.ErrnoException).code === 'EEXIST' ? 'a file appeared while writing' : (e as Error).message}; nothing was written`;
  }
  for (const w of writes.filter((x) => x.before !== undefined)) await fs.writeFile(w.path, w.after);
  return undefined;
}

export async function runActivate(args: ParsedArgs, io: CliIo): Promise<number> {
  if (args.positionals.length !== 1) throw new UsageError('give exactly one FILE (a .container or .pod)');
  const strategy = option(args, 'strategy') ?? 'proxy';
  if (strategy !== 'proxy' && strategy !== 'native') throw new UsageError(`unknown strategy "${strategy}" (proxy or native)`);
  const idleTimeout = option(args, 'idle-timeout');
  if (idleTimeout !== undefined && !isTimeSpan(idleTimeout)) throw new UsageError(`"${idleTimeout}" is not a systemd time span (for example 5min or 90s)`);
  const file = resolve(args.positionals[0]);
  const st = await fs.stat(file).catch(() => undefined);
  if (!st?.isFile()) throw new UsageError(`${file}: no such file`);

  const ws = await loadWorkspace(await rootsFor(file), { configPath: option(args, 'config'), podmanVersion: option(args, 'podman-version') });
  for (const e of ws.errors) io.err(`quadlet-ls: ${e}\n`);
  const index = ws.analysis.index;
  const source = index.getFile(normalisePath(file));
  const units = source?.units() ?? [];
  if (!source || units.length !== 1) {
    io.err(`quadlet-ls activate: ${displayPath(file)} is not a single .container or .pod unit\n`);
    return 2;
  }
  if (source.decodeProblem) {
    io.err(`quadlet-ls activate: ${displayPath(file)} is not valid UTF-8 (${source.decodeProblem}); nothing was planned\n`);
    return 2;
  }
  const env = activatorEnv(index, ws.analysis.settings, (p) => !!index.getFile(p) || existsSync(p));
  const result = planActivator(units[0], { strategy: strategy as Strategy, listen: option(args, 'listen'), idleTimeout, onExisting: 'refuse' }, env);
  if (result.kind === 'refused') {
    io.err(`quadlet-ls activate: ${result.message}\n`);
    return 2;
  }
  if (result.kind === 'up-to-date') {
    io.err(`quadlet-ls activate: ${result.message}\n`);
    return 0;
  }
  const writes = plannedWrites(result, (p) => index.getFile(p)?.text);
  for (const w of writes) io.out(unifiedDiff(w.before, w.after, displayPath(w.path)));
  for (const n of result.notes) io.err(`note: ${n}\n`);
  io.err(`To install (as ${result.unit.file.placement.scope.owner ?? 'the owner'}):\n${result.commands.map((c) => `  ${c}\n`).join('')}`);
  if (args.options.get('write') !== true) {
    io.err('Nothing written (dry run); add --write to write these files.\n');
    return 0;
  }
  const failure = await writeAll(writes);
  if (failure) {
    io.err(`quadlet-ls activate: ${failure}\n`);
    return 2;
  }
  io.err(`Wrote ${writes.length} file(s).\n`);
  return 0;
}
