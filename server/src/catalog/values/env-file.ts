// The files `EnvironmentFile=` names (podman run --env-file): one `NAME=value` per line, blanks
// before the name ignored, `#` lines and empty lines skipped. Podman keeps the value raw (quotes
// are part of it); a line without `=` copies the variable from the environment of podman itself.

export interface EnvFileLine {
  /** 0-based line number in the file. */
  line: number;
  name: string;
  /** Undefined for `NAME` alone (taken from podman's own environment). */
  value?: string;
  /** Offset of the value in the physical line (without the line end). */
  valueStart: number;
  /** The physical line without its line end. */
  text: string;
}

export function parseEnvFile(text: string): EnvFileLine[] {
  const out: EnvFileLine[] = [];
  text.split('\n').forEach((raw, line) => {
    const physical = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const lead = physical.length - physical.replace(/^[ \t\v\f]+/, '').length;
    const body = physical.slice(lead);
    if (body === '' || body.startsWith('#')) return;
    const eq = body.indexOf('=');
    if (eq === -1) out.push({ line, name: body.trim(), valueStart: physical.length, text: physical });
    else out.push({ line, name: body.slice(0, eq), value: body.slice(eq + 1), valueStart: lead + eq + 1, text: physical });
  });
  return out;
}
