// [Service] settings the generator itself constrains in quadlets: in .container and .kube files
// KillMode= must be mixed or control-group and Type= notify or oneshot (anything else, the empty
// value included, makes it refuse the file); a .pod always runs as Type=forking, whatever is set.

import { ValueProblem, whole } from './types';

const RESTRICTED: Record<string, string[]> = {
  KillMode: ['mixed', 'control-group'],
  Type: ['notify', 'oneshot'],
};

/** Undefined when the generator does not constrain this key for this file type. */
export function checkServiceRestriction(value: string, key: string, type: string): ValueProblem[] | undefined {
  if (type === 'pod' && key === 'Type') {
    return value === 'forking' ? [] : [whole(value, 0, 'the generator always sets Type=forking for a pod; this value is ignored.', 'warning')];
  }
  const allowed = RESTRICTED[key];
  if (!allowed || (type !== 'container' && type !== 'kube')) return undefined;
  if (allowed.includes(value)) return [];
  const shown = value === '' ? 'an empty value' : `"${value}"`;
  return [whole(value, 0, `the generator refuses ${shown} for ${key}= in a .${type} file: only ${allowed.join(' or ')} work with Podman.`)];
}
