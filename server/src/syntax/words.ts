// Splits a value into words the way systemd (and Podman's port of it) does for list and command
// values: blanks separate words, single or double quotes group them, and C-style escapes are
// decoded. Each word keeps its offsets in the raw value so rules can point at it.

export interface Word {
  /** Decoded text (quotes removed, escapes applied). */
  text: string;
  /** Offsets of the raw word in the value, quotes included. */
  start: number;
  end: number;
  quoted: boolean;
}

export interface WordProblem {
  start: number;
  end: number;
  /** An escape Podman cannot decode makes it drop the value; an unbalanced quote is tolerated. */
  kind: 'escape' | 'quote';
  message: string;
}

export interface SplitResult {
  words: Word[];
  problems: WordProblem[];
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', s: ' ',
  '\\': '\\', '"': '"', "'": "'",
};

function decodeEscape(value: string, i: number): { text: string; next: number } | undefined {
  const c = value[i + 1];
  if (c === undefined) return undefined;
  if (c in SIMPLE_ESCAPES) return { text: SIMPLE_ESCAPES[c], next: i + 2 };
  // Podman rejects NUL however it is written, and octal escapes above \377 (generator-facts §2.2).
  const hex = (len: number) => {
    const digits = value.slice(i + 2, i + 2 + len);
    const code = parseInt(digits, 16);
    return digits.length === len && /^[0-9a-fA-F]+$/.test(digits) && code !== 0 ? { text: String.fromCodePoint(code), next: i + 2 + len } : undefined;
  };
  if (c === 'x') return hex(2);
  if (c === 'u') return hex(4);
  if (c === 'U') {
    const r = hex(8);
    return r && parseInt(value.slice(i + 2, i + 10), 16) <= 0x10ffff ? r : undefined;
  }
  if (c >= '0' && c <= '7') {
    const digits = value.slice(i + 1, i + 4);
    const code = parseInt(digits, 8);
    if (/^[0-7]{3}$/.test(digits) && code !== 0 && code <= 0xff) return { text: String.fromCharCode(code), next: i + 4 };
  }
  return undefined;
}

export interface SplitOptions {
  /**
   * 'decode' (exec-style, the default): C escapes are decoded, bad ones reported and kept.
   * 'keep' (systemd's strv lists): a backslash and the character after it are kept as written.
   */
  escapes?: 'decode' | 'keep';
}

function isBlankCode(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

const BACKSLASH = 0x5c;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

/**
 * systemd-style word splitting with unquoting and C unescaping (relaxed: bad escapes are kept).
 * Literal runs are copied as slices (a word without quotes or escapes is one slice of the value):
 * appending character by character made every word a chain of one-character strings.
 */
export function splitWords(value: string, options: SplitOptions = {}): SplitResult {
  const keepEscapes = options.escapes === 'keep';
  const words: Word[] = [];
  const problems: WordProblem[] = [];
  const n = value.length;
  let i = 0;
  while (i < n) {
    while (i < n && isBlankCode(value.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    let text = '';
    /** Start of the literal run not yet copied into text. */
    let run = i;
    let quote = 0;
    let quoteStart = -1;
    let quoted = false;
    while (i < n) {
      const c = value.charCodeAt(i);
      if (quote === 0 && isBlankCode(c)) break;
      if (c === BACKSLASH) {
        text += value.slice(run, i);
        if (keepEscapes) {
          text += value.slice(i, i + 2);
          i += 2;
        } else {
          const esc = decodeEscape(value, i);
          if (esc) {
            text += esc.text;
            i = esc.next;
          } else {
            problems.push({ start: i, end: Math.min(i + 2, n), kind: 'escape', message: `unsupported escape "${value.slice(i, i + 2)}"` });
            text += value.slice(i, i + 2);
            i += 2;
          }
        }
        run = i;
        continue;
      }
      if (quote !== 0) {
        if (c === quote) {
          text += value.slice(run, i);
          quote = 0;
          run = i + 1;
        }
        i++;
        continue;
      }
      if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
        text += value.slice(run, i);
        quote = c;
        quoteStart = i;
        quoted = true;
        run = i + 1;
      }
      i++;
    }
    if (run < n) text += value.slice(run, Math.min(i, n));
    if (quote !== 0) problems.push({ start: quoteStart, end: n, kind: 'quote', message: `unbalanced ${quote === DOUBLE_QUOTE ? 'double' : 'single'} quote` });
    words.push({ text, start, end: Math.min(i, n), quoted });
  }
  return { words, problems };
}

/** Splits without decoding, for values where the raw text matters (offsets only). */
export function wordsOf(value: string): Word[] {
  return splitWords(value).words;
}

/** The characters of JavaScript's `\s` (white space and line terminators). */
function isJsSpace(c: number): boolean {
  return (
    c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Removes one pair of surrounding double quotes, as Podman's Lookup() does for single values. */
export function unquoteValue(value: string): { text: string; offset: number } {
  // Most values end in a visible character: skip the regular expression then.
  const v = value.length > 0 && isJsSpace(value.charCodeAt(value.length - 1)) ? value.replace(/\s+$/, '') : value;
  if (v.length >= 2 && v[0] === '"' && v[v.length - 1] === '"') return { text: v.slice(1, -1), offset: 1 };
  return { text: v, offset: 0 };
}
