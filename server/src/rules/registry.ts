// Every rule, in reporting order. Adding a rule: write rules/<code>.ts, add it here, document it in
// docs/rules.md (a test fails when a code is missing there).

import { Rule } from './types';
import { syntaxRule } from './syntax';
import { unknownSectionRule } from './unknown-section';
import { unknownKeyRule } from './unknown-key';
import { versionRule } from './version';
import { deprecatedRule } from './deprecated';
import { duplicateKeyRule } from './duplicate-key';
import { missingKeyRule } from './missing-key';
import { conflictingKeysRule } from './conflicting-keys';
import { invalidValueRule } from './invalid-value';
import { portConflictRule } from './port-conflict';
import { publicBindRule } from './public-bind';
import { privilegedPortRule } from './privileged-port';
import { hostNetworkRule } from './host-network';
import { podMemberPublishRule } from './pod-member-publish';
import { noneNetworkPublishRule } from './none-network-publish';
import { unresolvedReferenceRule } from './unresolved-reference';
import { crossUserReferenceRule } from './cross-user-reference';
import { generatedNameReferenceRule } from './generated-name-reference';
import { shadowedUnitRule } from './shadowed-unit';
import { containerLoopbackRule } from './container-loopback';
import { secretInEnvRule } from './secret-in-env';
import { privilegedRule } from './privileged';
import { hardeningRule } from './hardening';
import { activatorTargetRule } from './activator-target';
import { activatorAcceptRule } from './activator-accept';
import { socketServiceMissingInstallRule } from './socket-service-missing-install';

export const ALL_RULES: Rule[] = [
  syntaxRule,
  unknownSectionRule,
  unknownKeyRule,
  versionRule,
  deprecatedRule,
  duplicateKeyRule,
  missingKeyRule,
  conflictingKeysRule,
  invalidValueRule,
  portConflictRule,
  publicBindRule,
  privilegedPortRule,
  hostNetworkRule,
  podMemberPublishRule,
  noneNetworkPublishRule,
  unresolvedReferenceRule,
  crossUserReferenceRule,
  generatedNameReferenceRule,
  shadowedUnitRule,
  containerLoopbackRule,
  secretInEnvRule,
  privilegedRule,
  hardeningRule,
  activatorTargetRule,
  activatorAcceptRule,
  socketServiceMissingInstallRule,
];

/** Codes produced outside the rule modules (the analysis itself, the real generator). */
export const EXTRA_CODES: Record<string, string> = {
  'skipped-file': 'A file that was not analysed (too large, binary, unreadable, or a FIFO or device).',
  podman: "A finding of Podman's own generator (Validate with Podman).",
};

export function ruleByCode(code: string): Rule | undefined {
  return ALL_RULES.find((r) => r.code === code);
}
