// The UI smoke scenario, driven through the DOM of VS Code 1.100 (code-server) with playwright-core.
// Each step waits for something visible (with a timeout), never for a fixed time, and saves a screenshot.
// DOM selectors are the fragile part: they are all in SEL, so a VS Code update means editing one table.
import { notRunLine } from '../editor-tooling/lib/features.mjs';

export const SEL = {
  explorerRow: '.explorer-folders-view .monaco-list-row',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget input',
  quickInputRow: '.quick-input-widget .monaco-list-row',
  activeTab: '.tabs-container .tab.active',
  languageStatus: '#status\\.editor\\.mode',
  selectionStatus: '#status\\.editor\\.selection',
  squiggleError: '.monaco-editor .squiggly-error',
  problemRow: '.markers-panel .monaco-list-row',
  problemsFilterPlaceholder: 'Filter (e.g. text',      // the Problems panel's filter box (matched by its placeholder)
  actionRow: '.action-widget .monaco-list-row',
  actionRowFocused: '.action-widget .monaco-list-row.focused',
  editorLines: '.monaco-editor .view-lines',
  viewLine: '.monaco-editor .view-line',
  hover: '.monaco-hover:not(.hidden)',
  suggestRow: '.editor-widget.suggest-widget .monaco-list-row',
  portsViewRow: '.pane-body .monaco-list-row',
  explorerFoldersHeader: '.pane-header[aria-label^="Explorer Section"]',
};

/** The scenario's expectations (examples/: bob's grafana.container has the key typo "Imag"). */
export const SCENARIO = {
  file: 'grafana.container',
  language: 'Podman Quadlet',
  problem: 'Unknown key "Imag"',
  problemCode: 'unknown-key',
  problemLine: 6,
  fixTitle: "Change to 'Image'",
  fixedText: /Image=docker\.io\/grafana\/grafana:11\.2\.0/,
  hoverKey: 'Image',
  hoverText: /Image to run/,
  completionLabel: 'Volume',            // not in the file: word-based suggestions cannot fake it
  // The socket activator on a database's PublishPort= line. examples/' postgres db.container already has its activator
  // (so quadlet-ls offers none there); alice's Redis cache.container has none yet and publishes 6379 on every interface.
  activatorFile: 'cache.container',
  activatorLine: 7,
  activatorTitle: 'Generate socket activator for 127.0.0.1:6379…',
  activatorMovedText: /PublishPort=127\.0\.0\.1:16379:6379/,
  activatorFiles: ['cache-activator.socket', 'cache-activator.service'],
  activatorDir: 'hosts/web1/home/alice/.config/systemd/user',   // where they go (alice's systemd user units)
  portsConflictRow: '8080/tcp',                                  // alice's webapp vs bob's metrics
};

/**
 * Quick Open (Ctrl+P) a file and wait until its tab is active. `query` defaults to the name; a workspace-relative
 * path finds a file that was just created (Quick Open checks such a path on disk instead of searching).
 */
async function quickOpen(page, name, query = name) {
  // Retried as a whole: the first Ctrl+P can arrive before the keybinding service is ready, and under load Enter can
  // reach the list while its results are still being replaced (then nothing opens).
  await retry(5, async () => {
    await page.keyboard.press('Control+P');
    await page.locator(SEL.quickInputBox).waitFor({ timeout: 3000 });
    await page.keyboard.type(query);
    await page.locator(SEL.quickInputRow, { hasText: name }).first().waitFor({ timeout: 8000 });
    await page.keyboard.press('Enter');
    await page.locator(SEL.activeTab, { hasText: name }).waitFor({ timeout: 5000 });
  }, () => page.keyboard.press('Escape'));
}

/**
 * Ctrl+G, the line number, Enter; retried as a whole until the status bar shows the line with the focus in the editor
 * (under load the Go to Line box can open late, lose the typed digits, or close without moving the cursor).
 */
async function goToLine(page, line) {
  const atLine = () => page.waitForFunction(({ sel, line }) => !!document.activeElement?.closest('.monaco-editor')
    && new RegExp(`Ln ${line}, Col`).test(document.querySelector(sel)?.innerText || ''), { sel: SEL.selectionStatus, line }, { timeout: 5000 });
  await retry(6, async () => {
    await page.keyboard.press('Control+G');
    await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].some((el) => el.offsetParent !== null && el.value === ':'),
      SEL.quickInputBox, { timeout: 3000 });
    await page.keyboard.type(String(line));
    await page.waitForFunction(({ sel, want }) => [...document.querySelectorAll(sel)].some((el) => el.offsetParent !== null && el.value === want),
      { sel: SEL.quickInputBox, want: `:${line}` }, { timeout: 3000 });
    await page.keyboard.press('Enter');
    await atLine();
  }, () => page.keyboard.press('Escape'));
}

/** Ctrl+. until the code action menu shows `title`, then move the focus onto it (rows cannot be clicked). */
async function openActionMenuAt(page, title) {
  const row = page.locator(SEL.actionRow, { hasText: title });
  await retry(5, async () => {                   // Ctrl+. right after focusing sometimes opens nothing
    await page.keyboard.press('Control+.');
    await row.waitFor({ timeout: 3000 });
  });
  const focused = page.locator(SEL.actionRowFocused, { hasText: title });
  const rows = await page.locator(SEL.actionRow).count();
  for (let i = 0; i <= rows && !(await focused.count()); i++) await page.keyboard.press('ArrowDown');
  await focused.waitFor();
}

/**
 * @param {object} o
 * @param {import('playwright-core').Page} o.page
 * @param {string} o.baseUrl
 * @param {string} o.folder       workspace folder (a copy of examples/)
 * @param {(name:string)=>Promise<string>} o.shot  saves a screenshot, returns its path
 * @param {Record<string,boolean>} o.features     gates (test/editor-features.json)
 * @param {(msg:string)=>void} o.log
 * @param {number} [o.stepTimeoutMs]
 * @returns {Promise<{ passed: string[], notRun: string[] }>}
 */
export async function driveSmoke({ page, baseUrl, folder, shot, features, log, stepTimeoutMs = 30000 }) {
  const passed = [];
  const notRun = [];
  const ok = (what) => { passed.push(what); log(`ok   ${what}`); };
  page.setDefaultTimeout(stepTimeoutMs);

  // 1. workbench with the examples folder
  await page.goto(`${baseUrl}/?folder=${encodeURIComponent(folder)}`);
  await page.locator(SEL.explorerRow).first().waitFor();
  await shot('01-workbench');
  ok('workbench shows the examples folder');

  // 2. open the file by Quick Open (keyboard), as a user would in a deep tree
  await page.locator(SEL.explorerRow).first().click();
  await page.mouse.move(900, 450);               // park the pointer over the editor area: no explorer tooltips in the shots
  await quickOpen(page, SCENARIO.file);
  await page.locator(SEL.languageStatus, { hasText: SCENARIO.language }).waitFor();
  ok(`${SCENARIO.file} opens with language "${SCENARIO.language}"`);

  // 3. the squiggle and the Problems entry
  await page.locator(SEL.squiggleError).first().waitFor();
  await shot('02-squiggle');
  ok('error squiggle in the editor');
  await page.keyboard.press('Control+Shift+M');
  await page.locator(SEL.problemRow).first().waitFor();
  await shot('03-problems');
  // the list is virtual: with many problems the row may be out of view (not rendered), so filter on the file name
  await page.getByPlaceholder(SEL.problemsFilterPlaceholder).fill(SCENARIO.file);
  const problem = page.locator(SEL.problemRow, { hasText: SCENARIO.problem });
  await problem.waitFor();
  const label = (await problem.innerText()).replace(/\s+/g, ' ');
  if (!label.includes(SCENARIO.problemCode)) throw new Error(`the Problems row does not name the code ${SCENARIO.problemCode}: ${label}`);
  ok(`Problems panel: ${label.slice(0, 160)}`);

  // 4. quick fix by keyboard: go to the problem, Ctrl+. , Enter on the preferred fix
  await problem.dblclick();
  await page.waitForFunction(({ sel, line }) => !!document.activeElement?.closest('.monaco-editor')
    && new RegExp(`Ln ${line}, Col`).test(document.querySelector(sel)?.innerText || ''), { sel: SEL.selectionStatus, line: SCENARIO.problemLine });
  await openActionMenuAt(page, SCENARIO.fixTitle);
  await shot('04-quick-fix-menu');
  await page.keyboard.press('Enter');             // rows cannot be clicked: a pointer block covers them
  await page.waitForFunction(({ sel, re }) => new RegExp(re).test((document.querySelector(sel)?.innerText || '').replace(/\u00a0/g, ' ')),
    { sel: SEL.editorLines, re: SCENARIO.fixedText.source });
  await problem.waitFor({ state: 'detached' });
  await shot('05-fixed');
  ok(`quick fix "${SCENARIO.fixTitle}" applied by keyboard; the problem is gone`);

  // 5. hover (gated)
  if (!features.hover) {
    notRun.push('hover'); log(notRunLine('UI', 'hover'));
  } else {
    const line = page.locator(SEL.viewLine, { hasText: SCENARIO.fixedText });
    const key = line.locator('span span', { hasText: new RegExp(`^${SCENARIO.hoverKey}$`) }).first();
    // Retried: a hover that starts while the editor is still settling can stay empty; moving away and back asks again.
    await retry(5, async () => {
      await page.mouse.move(5, 5);
      await key.hover();
      await page.locator(SEL.hover, { hasText: SCENARIO.hoverText }).first().waitFor({ timeout: 5000 });
    });
    await shot('06-hover');
    ok(`hover over ${SCENARIO.hoverKey} shows ${SCENARIO.hoverText}`);
    await page.keyboard.press('Escape');
  }

  // 6. completion (gated): a new line at the end of [Container], Ctrl+Space
  if (!features.completion) {
    notRun.push('completion'); log(notRunLine('UI', 'completion'));
  } else {
    await page.locator(SEL.viewLine).first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    // Type the first letters so the (alphabetical) list scrolls to the expected key.
    await page.keyboard.type(SCENARIO.completionLabel.slice(0, 3));
    await retry(5, async () => {               // Ctrl+Space can arrive before the suggest widget is ready
      await page.keyboard.press('Control+Space');
      await page.locator(SEL.suggestRow, { hasText: SCENARIO.completionLabel }).first().waitFor({ timeout: 5000 });
    }, () => page.keyboard.press('Escape'));
    await shot('07-completion');
    ok(`completion offers ${SCENARIO.completionLabel}`);
    await page.keyboard.press('Escape');
  }

  // 7. socket activator by keyboard: the PublishPort= line (Ctrl+G), Ctrl+. , the action, Enter; the new units show up
  // in the Explorer (opening the new socket reveals it there, next to its service; by its path, because Quick Open's
  // file search may not know a file created a moment ago)
  await quickOpen(page, SCENARIO.activatorFile);
  await goToLine(page, SCENARIO.activatorLine);
  await openActionMenuAt(page, SCENARIO.activatorTitle);
  await shot('08-activator-menu');
  await page.keyboard.press('Enter');
  await page.waitForFunction(({ sel, re }) => new RegExp(re).test((document.querySelector(sel)?.innerText || '').replace(/\u00a0/g, ' ')),
    { sel: SEL.editorLines, re: SCENARIO.activatorMovedText.source });
  await quickOpen(page, SCENARIO.activatorFiles[0], `${SCENARIO.activatorDir}/${SCENARIO.activatorFiles[0]}`);
  for (const f of SCENARIO.activatorFiles) await page.locator(SEL.explorerRow, { hasText: f }).waitFor();
  await page.locator(SEL.editorLines, { hasText: 'ListenStream=127.0.0.1:6379' }).waitFor();
  await shot('09-activator-files');
  ok(`"${SCENARIO.activatorTitle}" by keyboard: ${SCENARIO.activatorFiles.join(' and ')} in the Explorer`);

  // 8. the Quadlet Ports view, opened from the command palette: the cross-user conflict on 8080 is listed
  await runCommand(page, 'Focus on Quadlet Ports View');
  await page.locator(SEL.portsViewRow, { hasText: SCENARIO.portsConflictRow }).first().waitFor();
  // Collapse the folder tree so the view has room for the screenshot.
  await page.locator(SEL.explorerFoldersHeader).first().click();
  await page.locator(SEL.portsViewRow, { hasText: SCENARIO.portsConflictRow }).first().waitFor();
  await shot('10-ports-view');
  ok(`Quadlet Ports view lists ${SCENARIO.portsConflictRow}`);
  return { passed, notRun };
}

/** Runs `step` until it succeeds, at most `times` times; `reset` runs between attempts. */
async function retry(times, step, reset = async () => {}) {
  for (let i = 1; ; i++) {
    try { return await step(); } catch (e) { if (i === times) throw e; await reset(); }
  }
}

/** F1, the command's title, Enter (retried: the palette can miss the first key press under load). */
async function runCommand(page, title) {
  await retry(5, async () => {
    await page.keyboard.press('F1');
    await page.locator(SEL.quickInputBox).waitFor({ timeout: 3000 });
    await page.keyboard.type(title);
    await page.locator(SEL.quickInputRow, { hasText: title }).first().waitFor({ timeout: 8000 });
    await page.keyboard.press('Enter');
  }, () => page.keyboard.press('Escape'));
}
