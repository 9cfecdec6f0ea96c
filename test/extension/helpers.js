// Shared helpers of the extension-host suite: fixture files, waiting for diagnostics, settings, feature gates.
// Diagnostics are compared as "L:C-L:C" (0-based, UTF-16), like test/helpers/diagnostics.ts in the unit tests.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const PACKAGE = require('../../package.json');
const EXTENSION_ID = `${PACKAGE.publisher}.${PACKAGE.name}`;
const WAIT_MS = Number(process.env.QLS_EXT_TESTS_WAIT_MS) || 15000;

/** Fixture paths, relative to the workspace root (a fresh copy of test/fixtures/editor-workspace). */
const FIXTURES = {
  aliceWeb: 'hosts/web1/home/alice/.config/containers/systemd/web.container',
  bobCache: 'hosts/web1/home/bob/.config/containers/systemd/cache.container',
  bobCacheDropIn: 'hosts/web1/home/bob/.config/containers/systemd/cache.container.d/10-limits.conf',
  postgresSocket: 'hosts/web1/home/postgres/.config/systemd/user/db-activator.socket',
  // carol: a network and two containers that reference it (definition, rename)
  carolNetwork: 'hosts/web1/home/carol/.config/containers/systemd/app.network',
  carolBackend: 'hosts/web1/home/carol/.config/containers/systemd/backend.container',
  carolFrontend: 'hosts/web1/home/carol/.config/containers/systemd/frontend.container',
  // dave: two containers with a published port and no activator yet (socket activator action)
  daveApi: 'hosts/web1/home/dave/.config/containers/systemd/api.container',
  daveQueue: 'hosts/web1/home/dave/.config/containers/systemd/queue.container',
  daveUnits: 'hosts/web1/home/dave/.config/systemd/user',
};

function loadFeatures() {
  const raw = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'editor-features.json'), 'utf8'));
  const out = {};
  for (const [k, v] of Object.entries(raw)) if (k !== '//') out[k] = v === true;
  for (const n of (process.env.QLS_EDITOR_FEATURES || '').split(',').map((s) => s.trim()).filter(Boolean)) out[n] = true;
  return out;
}
const FEATURES = loadFeatures();

/**
 * Inside a describe(): mark its tests pending (mocha prints them as "- …") unless the gate is on, and say so loudly.
 * Call at the top of the describe body.
 */
function gate(feature) {
  before(function () {
    if (FEATURES[feature]) return;
    console.log(`NOT RUN: extension host: ${feature} (gate "${feature}" is false in test/editor-features.json)`);
    this.skip();
  });
}

function workspaceRoot() {
  const folders = vscode.workspace.workspaceFolders;
  assert.ok(folders && folders.length, 'the test run has no workspace folder open');
  return folders[0].uri;
}

function fixtureUri(rel) {
  return vscode.Uri.joinPath(workspaceRoot(), ...rel.split('/'));
}

/** Open a fixture file in an editor; returns { uri, doc, editor }. */
async function openFixture(rel) {
  const uri = fixtureUri(rel);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { uri, doc, editor };
}

/** Poll fn() until it returns something truthy; fail with `what` and the last state after `ms`. No fixed sleeps. */
async function waitFor(fn, { ms = WAIT_MS, what = 'condition', state } = {}) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}${state ? `; last state: ${state()}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function rangeString(r) {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

function codeOf(d) {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code);
}

const SEVERITY_NAMES = ['error', 'warning', 'information', 'hint'];
function describeDiagnostics(uri) {
  const list = vscode.languages.getDiagnostics(uri);
  return list.length ? list.map((d) => `${codeOf(d)}@${rangeString(d.range)} ${SEVERITY_NAMES[d.severity]} "${d.message}"`).join('; ') : '(none)';
}

function ours(d) {
  return d.source === 'quadlet-ls';
}

/** The diagnostic with this code and exact range (and severity, when given), once it is published. */
function waitForDiagnostic(uri, code, range, { ms, severity } = {}) {
  return waitFor(() => vscode.languages.getDiagnostics(uri).find((d) => ours(d) && codeOf(d) === code && rangeString(d.range) === range
    && (!severity || SEVERITY_NAMES[d.severity] === severity)),
  { ms, what: `${severity ? severity + ' ' : ''}diagnostic ${code} at ${range} in ${path.basename(uri.fsPath)}`, state: () => describeDiagnostics(uri) });
}

/** Wait until no diagnostic with this code (and range, when given) is shown. */
function waitForNoDiagnostic(uri, code, range, { ms } = {}) {
  return waitFor(() => !vscode.languages.getDiagnostics(uri).some((d) => ours(d) && codeOf(d) === code && (!range || rangeString(d.range) === range)),
    { ms, what: `diagnostic ${code}${range ? ` at ${range}` : ''} to disappear from ${path.basename(uri.fsPath)}`, state: () => describeDiagnostics(uri) });
}

/** Check code, exact range, severity and message of one published diagnostic. */
async function assertDiagnostic(uri, { code, range, severity, message }) {
  const d = await waitForDiagnostic(uri, code, range, { severity });
  if (message) assert.match(d.message, message, `message of ${code} at ${range}`);
  return d;
}

/** Code actions the editor gets for a range (quick fixes only), through the real provider chain. */
async function quickFixesAt(uri, range) {
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
  return actions || [];
}

/** Code actions of one kind ('quickfix', 'refactor', …) the editor gets for a range. */
async function codeActionsAt(uri, range, kind) {
  return (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, range, kind)) || [];
}

function titles(actions) {
  return actions.map((a) => a.title).join(' | ') || '(nothing)';
}

/** Whether a file exists on disk (through the editor's file system). */
async function exists(uri) {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** A file's bytes on disk as text (not an editor buffer). */
async function readDisk(uri) {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** Resolve on the next event of `event` that satisfies `pred`, or fail after `ms`. Subscribe before acting. */
function nextEvent(event, { pred = () => true, ms = WAIT_MS, what = 'event' } = {}) {
  let sub, timer;
  return new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    sub = event((e) => { if (pred(e)) resolve(e); });
  }).finally(() => { clearTimeout(timer); sub?.dispose(); });
}

/** Definition targets as "relative/path@L:C" (Location and LocationLink alike). */
async function definitionsAt(uri, line, character) {
  const found = (await vscode.commands.executeCommand('vscode.executeDefinitionProvider', uri, new vscode.Position(line, character))) || [];
  return found.map((d) => {
    const target = d.targetUri ?? d.uri;
    const range = d.targetSelectionRange ?? d.targetRange ?? d.range;
    return `${vscode.workspace.asRelativePath(target, false)}@${range.start.line}:${range.start.character}`;
  });
}

/** The extension's API object (what activate() returned), once it is active. */
async function extensionApi() {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  return ext.activate();
}

/** Set a quadletLs.* user setting; returns a function that restores the previous value. */
async function setSetting(key, value) {
  const config = vscode.workspace.getConfiguration('quadletLs');
  const before = config.inspect(key).globalValue;
  await config.update(key, value, vscode.ConfigurationTarget.Global);
  return () => vscode.workspace.getConfiguration('quadletLs').update(key, before, vscode.ConfigurationTarget.Global);
}

/** Throw away unsaved changes of the active editor (the fixture copy on disk is never written by these tests). */
async function revertActive() {
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

module.exports = {
  EXTENSION_ID, FIXTURES, FEATURES, gate, fixtureUri, openFixture, waitFor, rangeString, codeOf, describeDiagnostics,
  waitForDiagnostic, waitForNoDiagnostic, assertDiagnostic, quickFixesAt, setSetting, revertActive,
  codeActionsAt, titles, exists, readDisk, nextEvent, extensionApi, definitionsAt,
};
