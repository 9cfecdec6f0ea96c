// Podman's generator in VS Code: "Quadlet: Validate with Podman", "Quadlet: Show generated unit"
// (a read-only `quadlet-generated:` document refreshed on save), validate-on-save, and the
// generator version in the status bar. All running happens in the server, which refuses in an
// untrusted workspace; the client checks trust first only to explain it. The generator path is read
// with inspect() from the user's own settings — a workspace value is never sent to the server.

import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import type { ClientFeature } from './index';

// Method names served by server/src/lsp/handlers/generator.ts.
const STATUS = 'quadletLs/generatorStatus';
const VALIDATE = 'quadletLs/validateWithPodman';
const GENERATED_UNIT = 'quadletLs/generatedUnit';
const SET_PATH = 'quadletLs/generatorPath';

export const GENERATED_SCHEME = 'quadlet-generated';
const QUADLET_LANGUAGES = ['quadlet', 'systemd-unit'];
const UNTRUSTED = 'Quadlet: this workspace is not trusted, so no program (Podman\'s generator included) is run here. Trust the workspace to use this command.';

interface StatusResponse { trusted: boolean; path?: string; source?: string; version?: string; problem?: string }
interface ValidateResponse { refused?: string; scope?: string; files?: number; errors?: number; warnings?: number; general?: string[]; version?: string; durationMs?: number }
interface GeneratedUnitResponse { refused?: string; text?: string }

/** `quadletLs.generatorPath` from user (global) settings only; workspace and folder values are ignored. */
export function userGeneratorPath(): string | undefined {
  const v = vscode.workspace.getConfiguration('quadletLs').inspect<string>('generatorPath')?.globalValue;
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

function isQuadletDocument(doc: vscode.TextDocument): boolean {
  return doc.uri.scheme === 'file' && QUADLET_LANGUAGES.includes(doc.languageId);
}

function activeQuadletUri(): vscode.Uri | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc) return undefined;
  if (doc.uri.scheme === GENERATED_SCHEME) return vscode.Uri.parse(doc.uri.query);
  return isQuadletDocument(doc) ? doc.uri : undefined;
}

export const generatorFeature: ClientFeature = (context, client: LanguageClient) => {
  const output = vscode.window.createOutputChannel('Quadlet: Podman');
  const status = vscode.window.createStatusBarItem('quadletLs.generator', vscode.StatusBarAlignment.Right, 90);
  status.name = 'Quadlet generator';
  status.command = 'quadletLs.validateWithPodman';
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const previews = new Set<string>();

  async function refreshStatus(): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      status.text = '$(shield) quadlet: not run';
      status.tooltip = UNTRUSTED;
    } else {
      const s = await client.sendRequest<StatusResponse>(STATUS);
      status.text = s.version ? `$(check) quadlet ${s.version}` : '$(warning) quadlet: not found';
      status.tooltip = s.path ? `Podman's Quadlet generator ${s.version ?? ''}\n${s.path}\nClick to validate with Podman.` : (s.problem ?? '');
    }
    updateVisibility();
  }

  function updateVisibility(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (doc && (isQuadletDocument(doc) || doc.uri.scheme === GENERATED_SCHEME)) status.show();
    else status.hide();
  }

  // Returns what the user was told (the command's result, for scripts and the extension-host tests).
  async function validate(uri: vscode.Uri | undefined, quiet: boolean): Promise<string | undefined> {
    const tell = (text: string, warn = true): string => {
      if (!quiet) void (warn ? vscode.window.showWarningMessage(text) : vscode.window.showInformationMessage(text));
      return text;
    };
    if (!vscode.workspace.isTrusted) return tell(UNTRUSTED);
    if (!uri) return tell('Quadlet: open a Quadlet file to validate it with Podman.', false);
    const r = await client.sendRequest<ValidateResponse>(VALIDATE, { uri: uri.toString() });
    if (r.refused) return tell(`Quadlet: ${r.refused}`);
    output.appendLine(`[${new Date().toLocaleTimeString()}] quadlet ${r.version ?? '?'} on ${r.scope}: ${r.files} file(s), ${r.errors} error(s), ${r.warnings} warning(s), ${r.durationMs} ms`);
    for (const g of r.general ?? []) output.appendLine(`  ${g}`);
    const summary = `Podman ${r.version ?? ''}: ${r.errors} error(s), ${r.warnings} warning(s) in ${r.files} file(s) of ${r.scope}.`;
    if (quiet) return summary;
    if (r.general?.length) {
      const text = `${summary} ${r.general.length} message(s) belong to no file.`;
      void vscode.window.showWarningMessage(text, 'Show').then((pick) => pick && output.show(true));
      return text;
    }
    return tell(summary, false);
  }

  async function showGenerated(): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(UNTRUSTED);
      return;
    }
    const source = activeQuadletUri();
    if (!source) {
      void vscode.window.showInformationMessage('Quadlet: open a Quadlet file to see the unit Podman generates from it.');
      return;
    }
    const uri = vscode.Uri.from({ scheme: GENERATED_SCHEME, path: `${source.path}.service`, query: source.toString() });
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
  }

  context.subscriptions.push(
    output,
    status,
    changed,
    vscode.workspace.registerTextDocumentContentProvider(GENERATED_SCHEME, {
      onDidChange: changed.event,
      async provideTextDocumentContent(uri) {
        previews.add(uri.toString());
        if (!vscode.workspace.isTrusted) return `# ${UNTRUSTED}\n`;
        const r = await client.sendRequest<GeneratedUnitResponse>(GENERATED_UNIT, { uri: uri.query });
        return r.text ?? `# ${r.refused ?? 'No answer from the language server.'}\n`;
      },
    }),
    vscode.workspace.onDidCloseTextDocument((d) => previews.delete(d.uri.toString())),
    vscode.commands.registerCommand('quadletLs.validateWithPodman', () => validate(activeQuadletUri(), false)),
    vscode.commands.registerCommand('quadletLs.showGeneratedUnit', showGenerated),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (!isQuadletDocument(doc) || !vscode.workspace.isTrusted) return;
      for (const p of previews) changed.fire(vscode.Uri.parse(p));
      if (vscode.workspace.getConfiguration('quadletLs', doc.uri).get<boolean>('validateOnSave')) void validate(doc.uri, true);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('quadletLs.generatorPath')) return;
      void client.sendNotification(SET_PATH, { path: userGeneratorPath() ?? '' }).then(refreshStatus);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void refreshStatus()),
    vscode.window.onDidChangeActiveTextEditor(updateVisibility),
  );
  void refreshStatus();
};
