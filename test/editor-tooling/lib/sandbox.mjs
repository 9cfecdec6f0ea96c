// A fresh, throwaway run directory per editor run, so nothing leaks between runs or into the real home directory:
//   <root>/home                      HOME (chromium writes ~/.config/chromium, ~/.cache/dconf despite its profile dir;
//                                    code-server writes ~/.config/code-server/config.yaml even for --version)
//   <root>/xdg/{config,data,cache,state,runtime}   XDG_* dirs
//   <root>/tmp                       TMPDIR
//   <root>/user-data/User/settings.json            VS Code user settings (DEFAULT_SETTINGS + extra)
//   <root>/extensions                --extensions-dir
//   <root>/server-data               --server-data-dir (VS Code server)
//   <root>/workspace/<name>          a fresh COPY of the workspace folder (VS Code web may save edits to disk)
//   <root>/logs                      server / browser logs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Settings that keep the workbench quiet, offline and deterministic for tests. */
export const DEFAULT_SETTINGS = Object.freeze({
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
  'editor.hover.delay': 300,
  'window.restoreWindows': 'none',
  'files.autoSave': 'off',
});

/**
 * @param {object} [o]
 * @param {string} [o.workspace]   folder to copy into the sandbox (omitted: an empty workspace folder)
 * @param {object} [o.settings]    extra user settings, merged over DEFAULT_SETTINGS
 * @param {boolean} [o.writeSettings=true]
 * @param {string} [o.prefix]      name prefix of the run dir
 * @param {string} [o.baseDir]     parent of the run dir (default $EDITOR_TESTS_TMP or the OS temp dir)
 * @returns {{ root, home, tmpDir, xdg, userDataDir, settingsFile, extensionsDir, serverDataDir, workspaceDir, logsDir,
 *             env, settings, cleanup(): void }}
 */
export function createSandbox({ workspace, settings = {}, writeSettings = true, prefix = 'qls-editor-', baseDir } = {}) {
  const parent = baseDir || process.env.EDITOR_TESTS_TMP || os.tmpdir();
  fs.mkdirSync(parent, { recursive: true });
  const root = fs.mkdtempSync(path.join(parent, prefix));
  const d = (...p) => path.join(root, ...p);
  const xdg = { config: d('xdg', 'config'), data: d('xdg', 'data'), cache: d('xdg', 'cache'), state: d('xdg', 'state'), runtime: d('xdg', 'runtime') };
  const sb = {
    root,
    home: d('home'),
    tmpDir: d('tmp'),
    xdg,
    userDataDir: d('user-data'),
    settingsFile: d('user-data', 'User', 'settings.json'),
    extensionsDir: d('extensions'),
    serverDataDir: d('server-data'),
    logsDir: d('logs'),
    workspaceDir: workspace ? d('workspace', path.basename(path.resolve(workspace))) : d('workspace', 'ws'),
    settings: { ...DEFAULT_SETTINGS, ...settings },
  };
  for (const dir of [sb.home, sb.tmpDir, ...Object.values(xdg), path.dirname(sb.settingsFile), sb.extensionsDir, sb.serverDataDir, sb.logsDir]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  fs.chmodSync(xdg.runtime, 0o700);                                   // XDG_RUNTIME_DIR must be private
  if (workspace) {
    const src = path.resolve(workspace);
    if (!fs.statSync(src).isDirectory()) throw new Error(`createSandbox: workspace ${src} is not a directory`);
    fs.cpSync(src, sb.workspaceDir, { recursive: true, dereference: false, verbatimSymlinks: true });
  } else {
    fs.mkdirSync(sb.workspaceDir, { recursive: true });
  }
  if (writeSettings) fs.writeFileSync(sb.settingsFile, JSON.stringify(sb.settings, null, 2) + '\n');
  sb.env = {
    HOME: sb.home,
    TMPDIR: sb.tmpDir,
    XDG_CONFIG_HOME: xdg.config,
    XDG_DATA_HOME: xdg.data,
    XDG_CACHE_HOME: xdg.cache,
    XDG_STATE_HOME: xdg.state,
    XDG_RUNTIME_DIR: xdg.runtime,
  };
  sb.cleanup = () => { fs.rmSync(root, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 }); };
  return sb;
}

/** process.env with the sandbox's HOME/XDG/TMPDIR on top (plus `extra`). */
export function sandboxEnv(sb, extra = {}) {
  return { ...process.env, ...sb.env, ...extra };
}

/** Read a JSON settings file given on a command line ({} when no path). */
export function readSettingsFile(file) {
  if (!file) return {};
  const v = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error(`${file}: settings must be a JSON object`);
  return v;
}
