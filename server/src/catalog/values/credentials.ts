// Which environment variable names look like they hold a credential, and what a literal value is.
// A name is split into parts at `_`, `-`, `.` and camelCase humps, compared case-insensitively:
// - a part is a credential word (PASSWORD, PASSWD, PASS, PASSPHRASE, SECRET, TOKEN, APIKEY,
//   CREDENTIALS, …), or ends in PASSWORD/PASSWD (PGPASSWORD), or two parts make one (API_KEY,
//   PRIVATE_KEY, ACCESS_KEY, SECRET_KEY, AUTH_KEY, CLIENT_SECRET, …);
// - unless the last part says the variable describes the credential instead of holding it
//   (`*_FILE` — the path of a file holding it —, `*_PATH`, `*_LENGTH`, `*_TTL`, `*_URL`, `*_ID`, …).

import { hasExpansion } from './specifiers';

const WORDS = new Set([
  'PASSWORD', 'PASSWORDS', 'PASSWD', 'PASS', 'PASSPHRASE', 'SECRET', 'SECRETS', 'TOKEN', 'TOKENS', 'APIKEY', 'APITOKEN',
  'CREDENTIAL', 'CREDENTIALS', 'CREDS', 'PRIVATEKEY', 'ACCESSKEY', 'SECRETKEY', 'AUTHKEY', 'MASTERKEY',
]);
const SUFFIXES = ['PASSWORD', 'PASSWD'];
/** Pairs of parts that together name a credential. */
const PAIRS: Array<[string, string]> = [
  ['API', 'KEY'], ['PRIVATE', 'KEY'], ['ACCESS', 'KEY'], ['AUTH', 'KEY'], ['MASTER', 'KEY'], ['ENCRYPTION', 'KEY'],
  ['SIGNING', 'KEY'], ['LICENSE', 'KEY'], ['CLIENT', 'KEY'],
];
const DESCRIBES = new Set([
  'FILE', 'PATH', 'DIR', 'LENGTH', 'LEN', 'MIN', 'MAX', 'TTL', 'EXPIRY', 'EXPIRES', 'EXPIRATION', 'LIFETIME', 'TIMEOUT',
  'POLICY', 'NAME', 'TYPE', 'ENABLED', 'REQUIRED', 'HEADER', 'URL', 'URI', 'ENDPOINT', 'HOST', 'PORT', 'USER', 'USERNAME',
  'ALGORITHM', 'ALG', 'FORMAT', 'MODE', 'ID', 'METHOD', 'ROUNDS',
]);

export function nameParts(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[_\-.]+/)
    .filter(Boolean)
    .map((p) => p.toUpperCase());
}

// Variable names repeat across units (TZ, APP_NAME): one answer per name, bounded like the value memos.
const CREDENTIAL_MEMO_LIMIT = 50_000;
let credentialMemo = new Map<string, boolean>();

export function looksLikeCredential(name: string): boolean {
  let answer = credentialMemo.get(name);
  if (answer === undefined) {
    if (credentialMemo.size >= CREDENTIAL_MEMO_LIMIT) credentialMemo = new Map();
    credentialMemo.set(name, (answer = computeLooksLikeCredential(name)));
  }
  return answer;
}

function computeLooksLikeCredential(name: string): boolean {
  const parts = nameParts(name);
  if (parts.length === 0 || DESCRIBES.has(parts[parts.length - 1])) return false;
  if (parts.some((p) => WORDS.has(p) || SUFFIXES.some((s) => p.endsWith(s)))) return true;
  return parts.some((p, i) => PAIRS.some(([a, b]) => p === a && parts[i + 1] === b));
}

const BOOLEAN = /^(true|false|yes|no|on|off|0|1)$/i;

/**
 * A value written out in the file: not empty, not a switch (true/1/off), not filled in later
 * (a template expression, a systemd specifier or `$VAR`).
 */
export function isLiteralSecret(value: string): boolean {
  if (value === '' || BOOLEAN.test(value)) return false;
  if (value.includes('{{') || value.includes('{%') || value.includes('\u0001')) return false;
  return !hasExpansion(value);
}

/** A Podman secret name for a variable of a unit: `webapp.container`, DB_PASSWORD → `webapp-db-password`. */
export function secretNameFor(unitName: string, variable: string): string {
  const dot = unitName.lastIndexOf('.');
  const stem = (dot > 0 ? unitName.slice(0, dot) : unitName).split('@')[0];
  const raw = `${stem}-${variable}`.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/_/g, '-');
  return raw.replace(/^[^a-z0-9]+/, '').replace(/-+/g, '-') || 'secret';
}
