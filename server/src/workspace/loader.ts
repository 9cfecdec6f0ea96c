// Reading files from disk for the index: walks directories (sub-directories included, as Podman
// does), skips what must not be analysed, and decodes bytes without ever throwing.

import { promises as fs, Stats } from 'node:fs';
import { join } from 'node:path';
import { identifyFile } from '../catalog/filetypes';
import { FileInput } from './index';

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;
const IGNORED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface LoadOptions {
  maxFileSize?: number;
  /** Extra globs/regexps of paths to ignore. */
  ignore?: RegExp[];
}

/** Decodes bytes: NUL bytes mean binary; invalid UTF-8 is replaced and reported. */
export function decodeBytes(bytes: Uint8Array): { text: string; binary: boolean; problem?: string } {
  const sample = bytes.subarray(0, Math.min(bytes.length, 8192));
  if (sample.includes(0)) return { text: '', binary: true };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), binary: false };
  } catch {
    const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
    const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
    return { text, binary: false, problem: `invalid byte sequence on line ${line}` };
  }
}

export function tooLargeInput(size: number, max: number): FileInput {
  return { text: '', skipped: { kind: 'too-large', message: `Not analysed: the file has ${size} bytes, more than the limit of ${max}.` } };
}

export function inputFromBytes(bytes: Uint8Array, maxFileSize = DEFAULT_MAX_FILE_SIZE): FileInput {
  if (bytes.length > maxFileSize) return tooLargeInput(bytes.length, maxFileSize);
  const decoded = decodeBytes(bytes);
  if (decoded.binary) return { text: '', skipped: { kind: 'binary', message: 'Not analysed: the file contains NUL bytes (binary data).' } };
  return { text: decoded.text, decodeProblem: decoded.problem };
}

export async function readInput(path: string, options: LoadOptions = {}): Promise<FileInput> {
  const max = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  try {
    const st = await fs.stat(path);
    if (st.size > max) return tooLargeInput(st.size, max);
    return inputFromBytes(await fs.readFile(path), max);
  } catch (e) {
    return { text: '', skipped: { kind: 'unreadable', message: `Not analysed: ${(e as NodeJS.ErrnoException).code ?? 'error'} while reading the file.` } };
  }
}

/** Inside node_modules, .git, … or matched by an ignore pattern: never indexed, even when a watcher reports it. */
export function isIgnoredPath(path: string, options: LoadOptions = {}): boolean {
  const p = path.replace(/\\/g, '/');
  if (p.split('/').some((segment) => IGNORED_DIRS.has(segment))) return true;
  return options.ignore?.some((re) => re.test(p)) ?? false;
}

/** Is this a file quadlet-ls analyses (by name)? */
export function isUnitFileName(path: string): boolean {
  return identifyFile(path).kind !== 'other';
}

/**
 * Lists unit files under the given paths. Follows symlinks (Podman does) but never loops: each
 * real directory is visited once.
 */
export async function findUnitFiles(paths: string[], options: LoadOptions = {}): Promise<{ files: string[]; errors: string[] }> {
  const files: string[] = [];
  const errors: string[] = [];
  const seenDirs = new Set<string>();
  const ignored = (p: string) => options.ignore?.some((re) => re.test(p.replace(/\\/g, '/'))) ?? false;
  async function visit(p: string, top: boolean): Promise<void> {
    let st: Stats;
    try {
      st = await fs.stat(p);
    } catch (e) {
      if (top) errors.push(`${p}: ${(e as NodeJS.ErrnoException).code ?? 'cannot read'}`);
      return;
    }
    if (st.isDirectory()) {
      const real = await fs.realpath(p).catch(() => p);
      if (seenDirs.has(real)) return;
      seenDirs.add(real);
      let names: string[];
      try {
        names = await fs.readdir(p);
      } catch (e) {
        errors.push(`${p}: ${(e as NodeJS.ErrnoException).code ?? 'cannot list'}`);
        return;
      }
      for (const name of names.sort()) {
        if (IGNORED_DIRS.has(name)) continue;
        const child = join(p, name);
        if (!ignored(child)) await visit(child, false);
      }
    } else if (st.isFile() && (top || isUnitFileName(p))) {
      files.push(p);
    }
  }
  for (const p of paths) await visit(p, true);
  return { files, errors };
}
