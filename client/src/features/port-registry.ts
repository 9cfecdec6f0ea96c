// "Quadlet: Export port registry": the registry as Markdown or JSON, in a new untitled document or
// in a file the user picks. An existing file is replaced only after an explicit confirmation.
// Keybindings, other extensions and the extension-host tests may skip the questions with an argument:
// { format: 'markdown' | 'json', target: 'untitled' } (a file is always chosen in the save dialog).

import * as vscode from 'vscode';
import type { ClientFeature } from './index';

const FORMATS = [
  { label: 'Markdown', format: 'markdown', language: 'markdown', ext: 'md' },
  { label: 'JSON', format: 'json', language: 'json', ext: 'json' },
] as const;

export const portRegistryExport: ClientFeature = (context, client) => {
  context.subscriptions.push(
    vscode.commands.registerCommand('quadletLs.exportPortRegistry', async (args?: { format?: string; target?: string }) => {
      const choice = FORMATS.find((f) => f.format === args?.format)
        ?? (await vscode.window.showQuickPick(FORMATS.map((f) => ({ ...f })), { placeHolder: 'Format of the port registry' }));
      if (!choice) return;
      const target = args?.target === 'untitled' ? { target: 'untitled' as const } : await vscode.window.showQuickPick(
        [
          { label: 'New untitled document', target: 'untitled' as const },
          { label: 'Save to a file…', target: 'file' as const },
        ],
        { placeHolder: 'Where to put the registry' },
      );
      if (!target) return;
      const text = await client.sendRequest<string>('quadletLs/portRegistry', { format: choice.format });
      if (target.target === 'untitled') {
        const doc = await vscode.workspace.openTextDocument({ language: choice.language, content: text });
        await vscode.window.showTextDocument(doc);
        return;
      }
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const uri = await vscode.window.showSaveDialog({
        defaultUri: folder ? vscode.Uri.joinPath(folder, `port-registry.${choice.ext}`) : undefined,
        filters: { [choice.label]: [choice.ext] },
        saveLabel: 'Export',
      });
      if (!uri) return;
      const exists = await vscode.workspace.fs.stat(uri).then(
        () => true,
        () => false,
      );
      if (exists) {
        const answer = await vscode.window.showWarningMessage(`${uri.path.split('/').pop()} already exists. Replace it with the port registry?`, { modal: true }, 'Replace');
        if (answer !== 'Replace') return;
      }
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      const open = await vscode.window.showInformationMessage(`Port registry written to ${vscode.workspace.asRelativePath(uri)}.`, 'Open');
      if (open) await vscode.window.showTextDocument(uri);
    }),
  );
};
