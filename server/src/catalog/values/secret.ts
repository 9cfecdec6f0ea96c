// Secret= (containers): blank-separated words, each `name[,type=mount|env][,target=…][,uid=N]
// [,gid=N][,mode=OCTAL]` (or `source=name,…`). Podman refuses unknown options, a bad type, and
// uid/gid/mode on env secrets when the unit starts.

import { splitArgs } from './lists';
import { hasExpansion } from './specifiers';
import { ValueProblem, ValueResult, problem } from './types';

const CHECKS: Record<string, (v: string) => boolean> = {
  source: (v) => v !== '',
  type: (v) => v === 'mount' || v === 'env',
  target: () => true,
  mode: (v) => /^[0-7]+$/.test(v),
  uid: (v) => /^\d+$/.test(v),
  UID: (v) => /^\d+$/.test(v),
  gid: (v) => /^\d+$/.test(v),
  GID: (v) => /^\d+$/.test(v),
};

function checkSecret(text: string, offset: number, out: ValueProblem[]): void {
  const fields = text.split(',');
  if (fields.length === 1) return;
  let at = offset;
  let hasSource = !fields[0].includes('=') && fields[0] !== '';
  let type: string | undefined;
  const mountOnly: string[] = [];
  fields.forEach((f, i) => {
    const here = at;
    at += f.length + 1;
    if (i === 0 && !f.includes('=')) return;
    const eq = f.indexOf('=');
    if (eq === -1) {
      out.push(problem(here, here + f.length, `"${f}" is not option=value; podman refuses this secret.`));
      return;
    }
    const name = f.slice(0, eq);
    const value = f.slice(eq + 1);
    const check = CHECKS[name];
    if (!check) out.push(problem(here, here + name.length, `"${name}" is not a secret option (type, target, uid, gid, mode); podman refuses it.`));
    else if (!hasExpansion(value) && !check(value)) out.push(problem(here + eq + 1, here + f.length, `"${value}" is not a valid ${name}${name === 'type' ? ' (mount or env)' : ''}; podman refuses it.`));
    if (name === 'source' && value) hasSource = true;
    if (name === 'type') type = value;
    if (['mode', 'uid', 'UID', 'gid', 'GID'].includes(name)) mountOnly.push(name);
  });
  if (!hasSource) out.push(problem(offset, offset + text.length, 'the secret name is missing; podman refuses it.'));
  if (type === 'env' && mountOnly.length > 0) out.push(problem(offset, offset + text.length, `${mountOnly.join(', ')} apply to mounted secrets only; podman refuses them with type=env.`));
}

export function parseSecrets(value: string): ValueResult {
  const { words, problems } = splitArgs(value);
  const out = [...problems];
  for (const w of words) {
    const found: ValueProblem[] = [];
    checkSecret(w.text, 0, found);
    const exact = value.slice(w.start, w.end) === w.text;
    out.push(...found.map((p) => (exact ? { ...p, start: p.start + w.start, end: p.end + w.start } : { ...p, start: w.start, end: w.end })));
  }
  return { problems: out };
}
