// Splits the stdout of `quadlet -dryrun` into the generated units. Each unit starts with a header
// line `---<service file name>---`; its `[Unit] SourcePath=` names the Quadlet file it came from.

export interface GeneratedUnit {
  /** Service file name from the header, e.g. `web.service` or `db-volume.service`. */
  name: string;
  /** The unit text as printed (without the header line and the blank line after it), ending in one newline. */
  text: string;
  /** `SourcePath=` of the unit (the path the generator read), when present. */
  sourcePath?: string;
}

const HEADER = /^---(.+)---$/;

export function splitDryRun(stdout: string): GeneratedUnit[] {
  const units: GeneratedUnit[] = [];
  let current: { name: string; lines: string[] } | undefined;
  const finish = () => {
    if (!current) return;
    // Blocks are separated by one blank line; the unit text keeps a single final newline.
    const text = current.lines.join('\n').replace(/\n*$/, '\n');
    const source = /^SourcePath=(.*)$/m.exec(text);
    units.push({ name: current.name, text, ...(source ? { sourcePath: source[1].trim() } : {}) });
  };
  for (const line of stdout.split('\n')) {
    const m = HEADER.exec(line);
    if (m) {
      finish();
      current = { name: m[1], lines: [] };
    } else if (current) current.lines.push(line);
  }
  finish();
  return units;
}
