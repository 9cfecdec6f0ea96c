// KEY=VALUE lists: Environment=, Label=, Annotation=, BuildArg= (split like exec lines), Sysctl=
// and LogOpt= (split as strv), and systemd's own Environment=.
// A word without "=" is dropped silently by Podman before 5.6 and passed bare from 5.6 on (for
// Environment that means "copy the variable from the host"). The classic trap is an unquoted
// blank: `Environment=MSG=hello world` sets MSG=hello and then a second, bare word `world`.

import { Word } from '../../syntax/words';
import { atLeast } from '../versions';
import { splitArgs, splitStrv, wordItems } from './lists';
import { ValueProblem, ValueResult, problem } from './types';

export type KeyValueFlavour = 'env' | 'label' | 'systemd-env';

export interface KeyValueResult extends ValueResult {
  pairs: Array<{ key: string; value?: string; word: Word }>;
}

const BARE_SINCE = '5.6';

function trapMessage(word: Word, previous: Word): string {
  const key = previous.text.slice(0, previous.text.indexOf('='));
  return `"${word.text}" is a separate word: the value of ${key} ends at the blank before it. Quote the whole assignment: ${key}="${previous.text.slice(key.length + 1)} ${word.text}".`;
}

// The grammar and secret-in-env read every Environment=/Label= value; values repeat across units.
const MEMO_LIMIT = 50_000;
let memo = new Map<string, Map<string, KeyValueResult>>();
let memoSize = 0;

/** KEY=VALUE words of a value (shared between equal values: callers must not mutate the result). */
export function parseKeyValueList(value: string, flavour: KeyValueFlavour, version: string): KeyValueResult {
  if (memoSize >= MEMO_LIMIT) {
    memo = new Map();
    memoSize = 0;
  }
  const context = `${flavour} ${version}`;
  let byValue = memo.get(context);
  if (!byValue) memo.set(context, (byValue = new Map()));
  let result = byValue.get(value);
  if (!result) {
    byValue.set(value, (result = computeKeyValueList(value, flavour, version)));
    memoSize++;
  }
  return result;
}

function computeKeyValueList(value: string, flavour: KeyValueFlavour, version: string): KeyValueResult {
  const { words, problems } = splitArgs(value);
  const out: ValueProblem[] = [...problems];
  const pairs: KeyValueResult['pairs'] = [];
  if (problems.length > 0) return { problems: out, pairs };
  words.forEach((w, i) => {
    const eq = w.text.indexOf('=');
    if (eq === 0) {
      out.push(problem(w.start, w.end, `"${w.text}" has no name before "=".`, 'warning'));
      return;
    }
    if (eq > 0) {
      pairs.push({ key: w.text.slice(0, eq), value: w.text.slice(eq + 1), word: w });
      return;
    }
    const previous = words[i - 1];
    if (previous && !previous.quoted && !w.quoted && previous.text.indexOf('=') > 0) {
      out.push(problem(w.start, w.end, trapMessage(w, previous), 'warning'));
      return;
    }
    if (flavour === 'systemd-env') {
      out.push(problem(w.start, w.end, `"${w.text}" has no "="; systemd ignores this assignment (write NAME=value).`, 'warning'));
      return;
    }
    if (!atLeast(version, BARE_SINCE)) {
      out.push(problem(w.start, w.end, `"${w.text}" has no "="; Podman before ${BARE_SINCE} silently drops it (write NAME=value).`, 'warning'));
      return;
    }
    pairs.push({ key: w.text, word: w });
  });
  return { problems: out, pairs };
}

const SYSCTL_NAMES = ['kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni', 'kernel.sem', 'kernel.shmall', 'kernel.shmmax', 'kernel.shmmni', 'kernel.shm_rmid_forced'];
const SYSCTL_PREFIXES = ['net.', 'fs.mqueue.'];

/** Sysctl=: podman allows only namespaced sysctls (net.*, fs.mqueue.*, the IPC kernel.* ones); it splits at commas. */
export function parseSysctls(value: string): ValueResult {
  const { words, problems } = splitStrv(value);
  const out = [...problems];
  for (const w of wordItems(words, value)) {
    const eq = w.text.indexOf('=');
    if (eq <= 0) {
      out.push(problem(w.start, w.end, `"${w.text}" is not NAME=VALUE; podman refuses it when the unit starts.`));
      continue;
    }
    const name = w.text.slice(0, eq);
    if (!SYSCTL_NAMES.includes(name) && !SYSCTL_PREFIXES.some((p) => name.startsWith(p))) {
      out.push(problem(w.start, w.start + eq, `podman refuses sysctl "${name}": only net.*, fs.mqueue.* and the kernel IPC settings (kernel.shm*, kernel.msg*, kernel.sem) can be set per container.`));
    }
  }
  return { problems: out };
}

/** LogOpt=: every word is NAME=VALUE. */
export function parseOptionWords(value: string): ValueResult {
  const { words, problems } = splitStrv(value);
  const out = [...problems];
  for (const w of words) {
    if (w.text.indexOf('=') <= 0) out.push(problem(w.start, w.end, `"${w.text}" is not NAME=VALUE; podman refuses it when the unit starts.`));
  }
  return { problems: out };
}
