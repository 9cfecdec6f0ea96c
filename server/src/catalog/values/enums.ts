// Keys with a fixed set of words. Who checks them decides the severity: the generator refuses a
// bad SetWorkingDirectory= or RemapUsers=, podman refuses a bad Pull=, CgroupsMode=, … when the unit
// starts (errors), while Notify=, AutoUpdate= and a build's Pull= silently fall back (warnings).

import { atLeast } from '../versions';
import { splitStrv } from './lists';
import { parsePodmanBool } from './bool';
import { ValueProblem, ValueResult, ValueSeverity, problem, whole } from './types';

interface EnumRule {
  values: string[];
  ignoreCase?: boolean;
  severity: ValueSeverity;
  /** What happens with a bad value, completing "… is not one of …; ". */
  consequence: string;
}

const REFUSED = 'podman refuses it when the unit starts';
const PULL = ['always', 'missing', 'never', 'newer'];

const RULES: Record<string, EnumRule> = {
  'Container.Pull': { values: [...PULL, 'ifmissing', 'ifnotpresent', 'ifnewer'], ignoreCase: true, severity: 'error', consequence: REFUSED },
  'Image.Policy': { values: [...PULL, 'ifmissing', 'ifnotpresent', 'ifnewer'], ignoreCase: true, severity: 'error', consequence: REFUSED },
  'Build.Pull': { values: [...PULL, 'true', 'false'], ignoreCase: true, severity: 'warning', consequence: 'podman build silently uses "missing" instead' },
  'Container.CgroupsMode': { values: ['enabled', 'disabled', 'no-conmon', 'split'], severity: 'error', consequence: REFUSED },
  'Container.HealthOnFailure': { values: ['none', 'kill', 'restart', 'stop'], severity: 'error', consequence: REFUSED },
  'Kube.ExitCodePropagation': { values: ['all', 'any', 'none'], severity: 'error', consequence: REFUSED },
  'Pod.ExitPolicy': { values: ['continue', 'stop'], severity: 'error', consequence: REFUSED },
  'Network.IPAMDriver': { values: ['host-local', 'dhcp', 'none'], severity: 'error', consequence: 'podman refuses it when it creates the network' },
  'Container.AutoUpdate': { values: ['registry', 'local'], severity: 'warning', consequence: 'the container runs, but podman auto-update rejects it' },
  'Container.RemapUsers': { values: ['manual', 'auto', 'keep-id'], severity: 'error', consequence: 'the generator refuses it' },
  'Pod.RemapUsers': { values: ['manual', 'auto', 'keep-id'], severity: 'error', consequence: 'the generator refuses it' },
  // `manual` is a valid word that a .kube refuses; conflicting-keys reports that case.
  'Kube.RemapUsers': { values: ['manual', 'auto', 'keep-id'], severity: 'error', consequence: 'the generator refuses it' },
};

function oneOf(text: string, rule: EnumRule, offset = 0): ValueProblem[] {
  const v = rule.ignoreCase ? text.toLowerCase() : text;
  if (rule.values.includes(v)) return [];
  return [whole(text, offset, `"${text}" is not one of ${rule.values.join(', ')}; ${rule.consequence}.`, rule.severity)];
}

const NOTIFY_HEALTHY_SINCE = '5.0';

/** Notify=: a boolean, or `healthy` (Podman 5.0+) to signal readiness once the health check passes. */
function parseNotify(text: string, version: string): ValueProblem[] {
  if (text.toLowerCase() === 'healthy') {
    return atLeast(version, NOTIFY_HEALTHY_SINCE) ? [] : [whole(text, 0, `Notify=healthy needs Podman ${NOTIFY_HEALTHY_SINCE} or newer; older versions silently read it as false.`, 'warning', NOTIFY_HEALTHY_SINCE)];
  }
  return parsePodmanBool(text).problems.map((p) => ({ ...p, message: `${p.message.replace(/\.$/, '')} (or healthy).` }));
}

/** SetWorkingDirectory= per file type: .kube takes yaml or unit; .build takes file, unit, a path or a URL. */
function parseSetWorkingDirectory(text: string, type: string): ValueProblem[] {
  const v = text.toLowerCase();
  if (type === 'kube') {
    if (v === 'yaml' || v === 'unit') return [];
    if (v === 'file') return [whole(text, 0, 'SetWorkingDirectory=file is for .build files; in a .kube file use yaml or unit (the generator refuses this).')];
    return [whole(text, 0, `"${text}" is not yaml or unit; the generator refuses it in a .kube file.`)];
  }
  if (v === 'yaml') return [whole(text, 0, 'SetWorkingDirectory=yaml is for .kube files; in a .build file use file, unit, a directory or a URL (the generator refuses this).')];
  return [];
}

/** [Kube] AutoUpdate=: blank-separated `registry`, `local` or `container/registry|local`. */
function parseKubeAutoUpdate(value: string): ValueProblem[] {
  const { words, problems } = splitStrv(value);
  const out = [...problems];
  for (const w of words) {
    const slash = w.text.lastIndexOf('/');
    const policy = w.text.slice(slash + 1);
    if (!['registry', 'local'].includes(policy)) {
      out.push(problem(w.start + slash + 1, w.end, `"${policy}" is not registry or local; the pod runs, but podman auto-update rejects it.`, 'warning'));
    }
  }
  return out;
}

/** True when this module knows the key (so the dispatcher does not fall back to the catalogue list). */
export function hasEnumRule(section: string, key: string): boolean {
  return `${section}.${key}` in RULES || ['Notify', 'SetWorkingDirectory'].includes(key) || (section === 'Kube' && key === 'AutoUpdate');
}

export function parseQuadletEnum(value: string, section: string, key: string, type: string, version: string): ValueResult {
  if (key === 'Notify') return { problems: parseNotify(value, version) };
  if (key === 'SetWorkingDirectory') return { problems: parseSetWorkingDirectory(value, type) };
  if (section === 'Kube' && key === 'AutoUpdate') return { problems: parseKubeAutoUpdate(value) };
  const rule = RULES[`${section}.${key}`];
  return { problems: rule ? oneOf(value, rule) : [] };
}

/** Any other enum of the catalogue: a warning, since we do not know who reads it how strictly. */
export function parseListedEnum(value: string, values: string[], consequence: string, ignoreCase = false): ValueResult {
  return { problems: oneOf(value, { values, ignoreCase, severity: 'warning', consequence }) };
}
