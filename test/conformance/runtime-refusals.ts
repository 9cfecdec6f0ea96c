// Corpus fixtures the generator accepts although Podman itself refuses the value when the unit
// starts (the generator passes it through unchecked). An `invalid-value` error (or, for a value
// Podman gained in a later release, a `version` error) on exactly this fixture and line is right,
// and the conformance test does not count it against "accepted files get no errors".
//
// The list itself lives with the value grammars, in test/unit/invalid-value-corpus.ts, where
// test/unit/invalid-value-corpus.test.ts keeps it in sync with the rules.

import { VALUE_ERRORS_PODMAN_REFUSES } from '../unit/invalid-value-corpus';

export interface RuntimeRefusal {
  /** Path inside the corpus. */
  fixture: string;
  /** 1-based line of the refused value. */
  line: number;
  reason: string;
  /** Target versions the refusal applies to (all when absent). */
  versions?: string[];
  /** The expected code (invalid-value when absent). */
  code?: string;
}

// Podman's ports fixtures test argument translation only: they publish one host port several times
// on overlapping addresses (e.g. 127.0.0.1:80 and 0.0.0.0:80), which cannot all bind when the unit
// starts. `port-conflict` flags every participant.
const SAME_PORT = 'the same host port on overlapping addresses twice in one unit';
const portConflicts = (fixture: string, lines: number[]): RuntimeRefusal[] => lines.map((line) => ({ fixture, line, reason: SAME_PORT, code: 'port-conflict' }));

export const RUNTIME_REFUSALS: RuntimeRefusal[] = [
  ...VALUE_ERRORS_PODMAN_REFUSES.map((e) => ({ fixture: e.file, line: e.line, reason: e.reason, versions: e.versions, code: e.code })),
  ...portConflicts('ports.container', [9, 12, 27, 36, 39, 45, 48]),
  ...portConflicts('ports.kube', [5, 8, 23, 32, 35, 41, 44]),
  ...portConflicts('ports_ipv6.container', [4, 7, 10]),
  ...portConflicts('ports_ipv6.kube', [5, 8, 11]),
];
