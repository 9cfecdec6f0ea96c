// Client-side features (commands, views, status bar). Each registers itself after the client starts.
// Adding one: write features/<name>.ts exporting a ClientFeature and list it here.

import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { portsView } from './ports-view';
import { portRegistryExport } from './port-registry';
import { generatorFeature } from './generator';

export type ClientFeature = (context: vscode.ExtensionContext, client: LanguageClient) => void;

export const CLIENT_FEATURES: ClientFeature[] = [portsView, portRegistryExport, generatorFeature];
