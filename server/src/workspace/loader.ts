// Reading files from disk for the index: walks directories (sub-directories included, as Podman
// does), skips what must not be analysed, and decodes bytes without ever throwing.

import { Dirent, Stats, closeSync, constants as fsConstants, fstatSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { normalize, sep } from 'node:path';
import { identifyFile } from '../catalog/filetypes';
import { FileInput } from './index';

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;
const IGNORED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface LoadOptions {
  maxFileSize?: number;
  /** Extra globs/regexps of paths to ignore. */
  ignore?: RegExp[];
}

// One decoder per mode for every file: decode() without `stream` keeps no state between calls.
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const LENIENT_UTF8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Decodes bytes: NUL bytes mean binary; invalid UTF-8 is replaced and reported. */
export function decodeBytes(bytes: Uint8Array): { text: string; binary: boolean; problem?: string } {
  const sample = bytes.subarray(0, Math.min(bytes.length, 8192));
  if (sample.includes(0)) return { text: '', binary: true };
  try {
    return { text: STRICT_UTF8.decode(bytes), binary: false };
  } catch {
    const text = LENIENT_UTF8.decode(bytes);
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

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? 'error';
}

function kindOfSpecial(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a directory';
  return 'not a regular file';
}

// O_NONBLOCK: opening a FIFO must not wait for a writer (it did, and hung the indexer). It changes
// nothing for regular files. Undefined on Windows, where FIFOs do not exist in the file system.
const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0);

/**
 * Reads one file for the index. Synchronous on purpose: a file is a few hundred bytes, and Node's
 * async file calls cost ~10x more per file (thread-pool round trips); the server reads in batches
 * and yields between them. Never blocks on FIFOs or devices (only regular files are read), never
 * reads more than the size limit, never throws. A file that is gone (ENOENT) is `skipped.kind ===
 * 'gone'`: callers drop it without a message (it was deleted while being indexed).
 */
export function readInputSync(path: string, options: LoadOptions = {}, knownRegular = false): FileInput {
  const max = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  let fd: number | undefined;
  try {
    fd = openSync(path, OPEN_FLAGS);
    // The directory walk saw a regular file: skip fstat and read into a shared buffer (a file
    // swapped for a FIFO meanwhile fails to read, O_NONBLOCK: it never blocks).
    if (knownRegular) return readRegular(fd, max);
    const st = fstatSync(fd);
    if (!st.isFile()) return { text: '', skipped: { kind: 'special', message: `Not analysed: ${kindOfSpecial(st)}, not a regular file.` } };
    if (st.size > max) return tooLargeInput(st.size, max);
    // One byte more than allowed tells a file that grew past the limit after fstat.
    const buffer = Buffer.allocUnsafe(Math.min(st.size, max) + 1);
    const length = readInto(fd, buffer);
    if (length > max) return tooLargeInput(length, max);
    return inputFromBytes(buffer.subarray(0, length), max);
  } catch (e) {
    const code = errorCode(e);
    if (code === 'ENOENT') return { text: '', skipped: { kind: 'gone', message: 'Not analysed: the file is gone.' } };
    return { text: '', skipped: { kind: 'unreadable', message: `Not analysed: ${code} while reading the file.` } };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Fills the buffer from the file until it is full or a read comes back short: a regular file
 * returns less than asked only at its end, so a small file costs one read (not a second one that
 * returns 0).
 */
function readInto(fd: number, buffer: Buffer): number {
  let length = 0;
  while (length < buffer.length) {
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    length += n;
    if (n === 0 || length < buffer.length) break;
  }
  return length;
}

/** Shared read buffer for files whose size is not known beforehand (decoding copies the bytes). */
let scratch = Buffer.allocUnsafe(64 * 1024);

function readRegular(fd: number, max: number): FileInput {
  let length = readInto(fd, scratch.length > max + 1 ? scratch.subarray(0, max + 1) : scratch);
  // A full buffer: the file may be longer. Grow (up to one byte past the limit) and read on.
  while (length === scratch.length && length <= max) {
    const bigger = Buffer.allocUnsafe(Math.min(scratch.length * 4, max + 1));
    scratch.copy(bigger, 0, 0, length);
    scratch = bigger;
    length += readInto(fd, scratch.subarray(length));
  }
  if (length > max) return tooLargeInput(fstatSync(fd).size, max);
  return inputFromBytes(scratch.subarray(0, length), max);
}

/** Inside node_modules, .git, … or matched by an ignore pattern: never indexed, even when a watcher reports it. */
export function isIgnoredPath(path: string, options: LoadOptions = {}): boolean {
  const p = path.replace(/\\/g, '/');
  if (p.split('/').some((segment) => IGNORED_DIRS.has(segment))) return true;
  return options.ignore?.some((re) => re.test(p)) ?? false;
}

/** Async form kept for callers that read one file at a time (file watcher events). */
export async function readInput(path: string, options: LoadOptions = {}): Promise<FileInput> {
  return readInputSync(path, options);
}

/**
 * The order to add files to a fresh index: drop-ins first, so each unit's listeners and views are
 * built once with all its drop-ins (a drop-in added after its units makes the inventories redo them).
 */
export function loadOrder(files: string[]): string[] {
  const dropins: string[] = [];
  const rest: string[] = [];
  for (const f of files) (identifyFile(f).kind === 'dropin' ? dropins : rest).push(f);
  return [...dropins, ...rest];
}

/** Is this a file quadlet-ls analyses (by name)? */
export function isUnitFileName(path: string): boolean {
  return identifyFile(path).kind !== 'other';
}

/**
 * Lists unit files under the given paths, sorted per directory. Follows symlinks (Podman does) but
 * never loops: each real directory (device and inode) is visited once. Synchronous for speed (see
 * readInputSync); directory entries carry their type, so only directories and symlinks cost a stat.
 */
export function findUnitFilesSync(paths: string[], options: LoadOptions = {}): { files: string[]; errors: string[]; regular: Set<string> } {
  const files: string[] = [];
  const errors: string[] = [];
  /** Files the directory listing shows as regular (readInputSync may skip its fstat). */
  const regular = new Set<string>();
  const seenDirs = new Set<string>();
  const ignored = (p: string) => options.ignore?.some((re) => re.test(p.replace(/\\/g, '/'))) ?? false;
  const visitDir = (p: string, st: Stats): void => {
    const id = `${st.dev}:${st.ino}`;
    if (seenDirs.has(id)) return;
    seenDirs.add(id);
    let entries: Dirent[];
    try {
      entries = readdirSync(p, { withFileTypes: true });
    } catch (e) {
      errors.push(`${p}: ${errorCode(e)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (IGNORED_DIRS.has(entry.name)) continue;
      // Not path.join: its normalisation builds every path from one slice per segment (20 string
      // objects per file, kept as long as the index); `p` is already normal and a name has no separator.
      const child = p.endsWith(sep) ? p + entry.name : p + sep + entry.name;
      if (ignored(child)) continue;
      if (entry.isFile()) {
        if (isUnitFileName(child)) {
          files.push(child);
          regular.add(child);
        }
      } else if (entry.isDirectory() || entry.isSymbolicLink()) {
        let childStat: Stats;
        try {
          childStat = statSync(child);
        } catch {
          continue; // a dangling link or an entry deleted meanwhile: nothing to read
        }
        if (childStat.isDirectory()) visitDir(child, childStat);
        else if (isUnitFileName(child)) files.push(child); // links to files, FIFOs or devices: readInputSync decides
      } else if (isUnitFileName(child)) files.push(child); // FIFOs, sockets, devices with a unit name get a skip message
    }
  };
  for (const p of paths) {
    let st: Stats;
    try {
      st = statSync(p);
    } catch (e) {
      errors.push(`${p}: ${errorCode(e)}`);
      continue;
    }
    if (st.isDirectory()) visitDir(normalize(p), st);
    else files.push(p);
  }
  return { files, errors, regular };
}

export async function findUnitFiles(paths: string[], options: LoadOptions = {}): Promise<{ files: string[]; errors: string[]; regular: Set<string> }> {
  return findUnitFilesSync(paths, options);
}
