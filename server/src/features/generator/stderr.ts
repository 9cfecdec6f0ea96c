// Reads the stderr of `quadlet -dryrun` (Podman 5.4 and 5.8) into structured messages. See
// docs/generator-facts.md §10: lines carry a `quadlet-generator[PID]: ` prefix, except that 5.4
// holds its errors back and prints them at exit as one log entry whose later lines have no prefix;
// a Go panic prints an unprefixed stack trace. Every line is classified on its own text, so both
// layouts read the same.

export type GeneratorMessageKind =
  /** `error loading "<abs path>", <msg>`: a unit or drop-in file could not be parsed. */
  | 'load-error'
  /** `converting "<file name>": <msg>`: a unit was refused. */
  | 'convert-error'
  /** `error reading directory "<dir>", <msg>`. */
  | 'dir-error'
  /** `Warning: …` and the bare `unsupported escape char` of 5.8. */
  | 'warning'
  /** Anything else that is not a known progress line (kept so the user sees it). */
  | 'other';

export interface GeneratorMessage {
  kind: GeneratorMessageKind;
  /** Absolute path (load-error), directory (dir-error) or file name (convert-error, some warnings). */
  subject?: string;
  /** The message without prefix and subject. */
  text: string;
  /** 1-based line number from `file contains line N:`. */
  line?: number;
}

export interface GeneratorPanic {
  /** `runtime error: index out of range [0] with length 0`. */
  reason: string;
  /** The first Podman frame, e.g. `quadlet.go:1895`, when the trace has one. */
  where?: string;
  /** The conversion function on the stack (`ConvertContainer`), which tells the unit type. */
  converter?: string;
}

export interface ParsedStderr {
  messages: GeneratorMessage[];
  /** Files the generator said it loaded, in order (`Loading source unit file <path>`). */
  loadedUnits: string[];
  loadedDropins: string[];
  panic?: GeneratorPanic;
}

const PREFIX = /^quadlet-generator\[\d+\]: /;
const LOAD_ERROR = /^error loading "(.*)", (.*)$/;
const CONVERT_ERROR = /^converting "(.*?)": (.*)$/;
const DIR_ERROR = /^error reading directory "(.*)", (.*)$/;
const LINE_NUMBER = /^file contains line (\d+):/;
const WARNING = /^Warning: (.*)$/;
const WARNING_SUBJECT = /^(\S+\.(?:container|volume|network|kube|image|build|pod|artifact)) /;
const LOADING_UNIT = /^Loading source unit file (.*)$/;
const LOADING_DROPIN = /^Loading source drop-in file (.*)$/;
// Progress lines that say nothing about the files.
const NOISE = [/^No files parsed from /, /^processing encountered some errors$/, /^Warning: neither \$XDG_CONFIG_HOME nor \$HOME are defined/];

function parsePanic(lines: string[], start: number): GeneratorPanic {
  const reason = lines[start].replace(/^panic: /, '').trim();
  let where: string | undefined;
  let converter: string | undefined;
  for (const l of lines.slice(start + 1)) {
    const frame = /podman\/(?:pkg|cmd)\/\S*\/([\w-]+\.go:\d+)/.exec(l);
    if (frame && !where) where = frame[1];
    const fn = /quadlet\.(Convert\w+)\(/.exec(l);
    if (fn && !converter) converter = fn[1];
  }
  return { reason, where, converter };
}

function classify(text: string): GeneratorMessage | undefined {
  let m = LOAD_ERROR.exec(text);
  if (m) {
    const n = LINE_NUMBER.exec(m[2]);
    return { kind: 'load-error', subject: m[1], text: m[2], ...(n ? { line: Number(n[1]) } : {}) };
  }
  if ((m = CONVERT_ERROR.exec(text))) return { kind: 'convert-error', subject: m[1], text: m[2] };
  if ((m = DIR_ERROR.exec(text))) return { kind: 'dir-error', subject: m[1], text: m[2] };
  if (NOISE.some((re) => re.test(text))) return undefined;
  if ((m = WARNING.exec(text))) {
    const s = WARNING_SUBJECT.exec(m[1]);
    return { kind: 'warning', text: m[1], ...(s ? { subject: s[1] } : {}) };
  }
  if (text === 'unsupported escape char') return { kind: 'warning', text };
  return { kind: 'other', text };
}

export function parseGeneratorStderr(stderr: string): ParsedStderr {
  const lines = stderr.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const out: ParsedStderr = { messages: [], loadedUnits: [], loadedDropins: [] };
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].replace(PREFIX, '');
    if (text.trim() === '') continue;
    if (text.startsWith('panic: ')) {
      out.panic = parsePanic(lines, i);
      break; // the rest is the stack trace
    }
    let m = LOADING_UNIT.exec(text);
    if (m) {
      out.loadedUnits.push(m[1]);
      continue;
    }
    if ((m = LOADING_DROPIN.exec(text))) {
      out.loadedDropins.push(m[1]);
      continue;
    }
    const message = classify(text);
    if (message) out.messages.push(message);
  }
  return out;
}
