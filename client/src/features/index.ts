// Client-side features (commands, views, status bar). Each registers itself after the client starts.
// Adding one: write features/<name>.ts exporting a ClientFeature and list it here.

import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { portsView } from './ports-view';
import { portRegistryExport } from './port-registry';
import { generatorFeature } from './generator';

/**
 * What activate() returns (vscode.extensions.getExtension(...).exports): parts of the client that other extensions
 * and the extension-host tests (test/extension/) may read. A feature returns its part, or nothing.
 */
export interface QuadletApi {
  /** The data provider behind the "Quadlet Ports" view: the same nodes and tree items the view shows. */
  portsTree?: vscode.TreeDataProvider<unknown>;
}

export type ClientFeature = (context: vscode.ExtensionContext, client: LanguageClient) => void | QuadletApi;

export const CLIENT_FEATURES: ClientFeature[] = [portsView, portRegistryExport, generatorFeature];
