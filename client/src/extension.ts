// The VS Code client: starts the language server and wires editor-only pieces (commands, views).
// All analysis happens in the server.

import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { CLIENT_FEATURES, QuadletApi } from './features/index';
import { userGeneratorPath } from './features/generator';

let client: LanguageClient | undefined;

export const LANGUAGE_IDS = ['quadlet', 'systemd-unit'];

export async function activate(context: vscode.ExtensionContext): Promise<QuadletApi> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGE_IDS.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
    synchronize: {
      configurationSection: 'quadletLs',
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/*.{container,volume,network,kube,image,build,pod,artifact,quadlets,socket,service,target,timer,conf,j2,yaml,yml,env}'),
        vscode.workspace.createFileSystemWatcher('**/.quadlet-ls.json'),
      ],
    },
    // generatorPath: the user's own setting only (inspect().globalValue), never a workspace value.
    initializationOptions: { trusted: vscode.workspace.isTrusted, generatorPath: userGeneratorPath() },
  };
  client = new LanguageClient('quadletLs', 'Quadlet', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification('quadletLs/trustGranted')),
  );
  await client.start();
  const api: QuadletApi = {};
  for (const feature of CLIENT_FEATURES) Object.assign(api, feature(context, client));
  return api;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
