// Podman versions as "major.minor" strings; comparisons are numeric.

export const KNOWN_VERSIONS = ['4.4', '4.5', '4.6', '4.7', '4.8', '4.9', '5.0', '5.1', '5.2', '5.3', '5.4', '5.5', '5.6', '5.7', '5.8'] as const;
export const NEWEST_KNOWN = '5.8';

// Rules compare the same few version strings hundreds of thousands of times.
const PARSED = new Map<string, [number, number] | undefined>();

export function parseVersion(v: string): [number, number] | undefined {
  const known = PARSED.get(v);
  if (known !== undefined || PARSED.has(v)) return known;
  const m = /^v?(\d+)\.(\d+)/.exec(v.trim());
  const parsed: [number, number] | undefined = m ? [Number(m[1]), Number(m[2])] : undefined;
  if (PARSED.size < 1000) PARSED.set(v, parsed);
  return parsed;
}

/** Normalises "5.4.2", "v5.4" or "podman version 5.4.2" to "5.4"; undefined when not a version. */
export function normaliseVersion(v: string): string | undefined {
  const m = /(\d+)\.(\d+)/.exec(v);
  return m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
}

export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a) ?? [0, 0];
  const y = parseVersion(b) ?? [0, 0];
  return x[0] - y[0] || x[1] - y[1];
}

export function atLeast(target: string, since: string): boolean {
  return compareVersions(target, since) >= 0;
}

export function docsUrl(version: string, page = 'podman-systemd.unit.5', anchor?: string): string {
  const v = normaliseVersion(version) ?? NEWEST_KNOWN;
  return `https://docs.podman.io/en/v${v}.0/markdown/${page}.html${anchor ? `#${anchor}` : ''}`;
}
