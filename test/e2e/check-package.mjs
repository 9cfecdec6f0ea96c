#!/usr/bin/env node
// Packaging check (no editor needed): `vsce package` of the repository's extension must succeed without warnings, and
// the .vsix must hold only the bundles, grammar, snippets, icon, docs and metadata (VSIX_RULES in
// test/editor-tooling/lib/vsix.mjs). Needs a build (npm run build). Exit code 0 = good, 1 = a problem (printed).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extensionUnderTest } from '../editor-tooling/lib/extension-under-test.mjs';
import { checkVsixEntries, listZipEntries, packageVsix, vsceWarnings } from '../editor-tooling/lib/vsix.mjs';

async function main() {
  // the checker itself must catch what it is for (a checker that accepts everything would pass silently)
  const bad = checkVsixEntries(['extension/node_modules/x/index.js', 'extension/server/src/main.ts', 'extension/test/unit/a.test.js', 'extension/dist/server.js.map']);
  if (bad.forbidden.length !== 4) { console.log(`check-package: FAIL: the content checker missed forbidden files: ${JSON.stringify(bad)}`); return 1; }

  const ext = await extensionUnderTest();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qls-package-'));
  try {
    const { vsix, output, ms } = await packageVsix({ extDir: ext.dir, outFile: path.join(dir, 'quadlet-ls.vsix') });
    const names = listZipEntries(vsix);
    console.log(`check-package: vsce packaged ${names.length} files (${(fs.statSync(vsix).size / 1024).toFixed(0)} KiB) in ${ms} ms:`);
    for (const n of names) console.log(`  ${n}`);
    let failed = 0;
    const warnings = vsceWarnings(output);
    if (warnings.length) { failed++; console.log(`check-package: FAIL: vsce printed ${warnings.length} warning(s):\n  ${warnings.join('\n  ')}`); }
    const r = checkVsixEntries(names);
    if (r.forbidden.length) { failed++; console.log(`check-package: FAIL: forbidden files in the .vsix:\n  ${r.forbidden.join('\n  ')}`); }
    if (r.unexpected.length) { failed++; console.log(`check-package: FAIL: files the .vsix should not ship (extend .vscodeignore or VSIX_RULES):\n  ${r.unexpected.join('\n  ')}`); }
    if (r.missing.length) { failed++; console.log(`check-package: FAIL: missing from the .vsix:\n  ${r.missing.join('\n  ')}`); }
    console.log(`check-package: ${failed ? 'FAIL' : 'PASS'} (no warnings: ${warnings.length === 0}; contents ok: ${r.ok})`);
    return failed ? 1 : 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    ext.cleanup();
  }
}

main().then((c) => { process.exitCode = c; }, (e) => { console.error(e && e.stack || e); process.exitCode = 1; });
