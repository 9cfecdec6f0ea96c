// A crash in one rule is caught, logged once (not once per file), and the other rules'
// diagnostics stay exactly as they are without the broken rule. Tested with injected failing
// rules of both kinds (document and unit), over several files.

import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RuleCrash, setRuleCrashLogger } from '../../server/src/rules/engine';
import { ALL_RULES } from '../../server/src/rules/registry';
import { Rule } from '../../server/src/rules/types';
import { analysisWith, checkedDiagnostics, signatureOf, ALICE, BOB, NEIGHBOURS } from './workspace';

const FILES: Record<string, string> = {
  ...NEIGHBOURS,
  [`${ALICE}/web.container`]: '[Container]\nImgae=x\nPublishPort=5432:5432\n',
  [`${BOB}/cache.container`]: '[Container]\nImage=docker.io/library/redis:7\nPublishPort=8080:6379\nBogus=1\n',
};

function inject(rule: Rule): () => void {
  ALL_RULES.push(rule);
  return () => ALL_RULES.splice(ALL_RULES.indexOf(rule), 1);
}

describe('a crashing rule', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
    setRuleCrashLogger(() => undefined);
  });

  for (const kind of ['document', 'unit'] as const) {
    it(`(${kind} rule) is logged once and leaves every other diagnostic in place`, () => {
      const expected = signatureOf(checkedDiagnostics(analysisWith(FILES, { podmanVersion: '5.8' })));
      assert.ok(expected.some((d) => d.includes('|port-conflict|')) && expected.some((d) => d.includes('|unknown-key|')), 'the workspace has cross-file and per-file findings');

      const crashes: RuleCrash[] = [];
      setRuleCrashLogger((c) => crashes.push(c));
      const code = `injected-crash-${kind}`;
      let calls = 0;
      const fail = () => {
        calls++;
        throw new TypeError('injected failure');
      };
      cleanups.push(inject(kind === 'document' ? { code, kind, severity: 'error', summary: 'always throws', check: fail } : { code, kind, severity: 'error', summary: 'always throws', check: fail }));

      const got = signatureOf(checkedDiagnostics(analysisWith(FILES, { podmanVersion: '5.8' })));
      assert.ok(calls >= 3, `the rule ran on several files (${calls})`);
      assert.deepEqual(got, expected, 'the other rules report exactly what they report without the broken one');
      assert.equal(crashes.length, 1, 'logged once');
      assert.equal(crashes[0].code, code);
      assert.match(String((crashes[0].error as Error).message), /injected failure/);
    });
  }
});
