// The C escapes Podman's word splitter accepts (generator-facts §2.2), used to find which entry a
// bare 5.8 `unsupported escape char` warning is about (the warning names no file).

/** Keys whose values are unescaped in a way that warns (generator-facts §2.3): section → keys. */
const ESCAPE_WARNING_KEYS: Record<string, string[]> = {
  Container: ['Exec', 'ReloadCmd', 'Environment', 'Label', 'Annotation'],
  Kube: [],
  Pod: ['Label'],
  Volume: ['Label'],
  Network: ['Label', 'Options'],
  Build: ['Environment', 'Label', 'Annotation', 'BuildArg'],
  Image: [],
  Artifact: [],
};

export function escapeWarningKey(section: string, key: string): boolean {
  return ESCAPE_WARNING_KEYS[section]?.includes(key) ?? false;
}

const SIMPLE = new Set(['a', 'b', 'f', 'n', 'r', 't', 'v', '\\', '"', "'", 's']);

function hexRun(s: string, from: number, n: number): number | undefined {
  const part = s.slice(from, from + n);
  return part.length === n && /^[0-9a-fA-F]+$/.test(part) ? parseInt(part, 16) : undefined;
}

/** Does the value hold a `\` escape Podman's splitter rejects (`\q`, `\x4`, `\x00`, …)? */
export function hasUnsupportedEscape(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== '\\') continue;
    const c = value[i + 1];
    if (c === undefined) return false;
    let code: number | undefined;
    let len = 1;
    if (SIMPLE.has(c)) {
      i++;
      continue;
    } else if (c === 'x') [code, len] = [hexRun(value, i + 2, 2), 3];
    else if (c === 'u') [code, len] = [hexRun(value, i + 2, 4), 5];
    else if (c === 'U') [code, len] = [hexRun(value, i + 2, 8), 9];
    else if (/[0-7]/.test(c)) {
      const oct = value.slice(i + 1, i + 4);
      [code, len] = [/^[0-7]{3}$/.test(oct) ? parseInt(oct, 8) : undefined, 3];
      if (code !== undefined && code > 255) return true;
    } else return true;
    if (code === undefined || code === 0 || code > 0x10ffff) return true;
    i += len;
  }
  return false;
}
