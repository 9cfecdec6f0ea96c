// Unified diffs (the format `diff -u` and `patch` use) of whole files, for `quadlet-ls activate`.
// Line diff by longest common subsequence; unit files are small, and very large inputs fall back to
// replacing the whole file.

type Op = { op: ' ' | '-' | '+'; text: string };

const CONTEXT = 3;
const MAX_CELLS = 4_000_000;

// The last line of a text without a final newline differs from the same line with one.
const NO_NEWLINE = '\u0000';

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += NO_NEWLINE;
  return lines;
}

function diffOps(a: string[], b: string[]): Op[] {
  if (a.length * b.length > MAX_CELLS) return [...a.map((text) => ({ op: '-' as const, text })), ...b.map((text) => ({ op: '+' as const, text }))];
  // lcs[i][j] = length of the LCS of a[i..] and b[j..]
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ op: ' ', text: a[i++] });
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push({ op: '-', text: a[i++] });
    else ops.push({ op: '+', text: b[j++] });
  }
  return ops;
}

/** A unified diff from `before` (undefined: a new file) to `after`; empty when nothing changes. */
export function unifiedDiff(before: string | undefined, after: string, label: string): string {
  if (before === after) return '';
  const ops = diffOps(splitLines(before ?? ''), splitLines(after));
  const out = [before === undefined ? '--- /dev/null' : `--- a/${label}`, `+++ b/${label}`];
  const changed = ops.map((o, k) => (o.op !== ' ' ? k : -1)).filter((k) => k >= 0);
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, changed[k] - CONTEXT);
    let end = changed[k];
    while (k < changed.length && changed[k] <= end + 2 * CONTEXT + 1) end = changed[k++];
    end = Math.min(ops.length - 1, end + CONTEXT);
    // Line numbers of the hunk on both sides.
    let ai = 0;
    let bi = 0;
    for (let x = 0; x < start; x++) {
      if (ops[x].op !== '+') ai++;
      if (ops[x].op !== '-') bi++;
    }
    const body: string[] = [];
    let aCount = 0;
    let bCount = 0;
    for (let x = start; x <= end; x++) {
      const o = ops[x];
      if (o.op !== '+') aCount++;
      if (o.op !== '-') bCount++;
      if (o.text.endsWith(NO_NEWLINE)) body.push(o.op + o.text.slice(0, -1), '\\ No newline at end of file');
      else body.push(o.op + o.text);
    }
    const range = (from: number, count: number) => (count === 0 ? `${from},0` : count === 1 ? `${from + 1}` : `${from + 1},${count}`);
    out.push(`@@ -${range(ai, aCount)} +${range(bi, bCount)} @@`, ...body);
  }
  return out.join('\n') + '\n';
}
