// What every LSP handler module gets: the connection, the language service, open documents, the
// diagnostics publisher and the client's settings. Handler modules live in handlers/ and each
// exports `register(ctx)` plus the capabilities it serves.

import { Connection, InitializeParams, ServerCapabilities, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { QuadletService } from '../features/service';
import { Publisher } from './publisher';
import { ClientSettings } from './settings';
import { GeneratorRunner } from '../features/generator/runner';

export interface ServerContext {
  connection: Connection;
  service: QuadletService;
  documents: TextDocuments<TextDocument>;
  publisher: Publisher;
  /** Workspace folders as file-system paths. */
  roots: string[];
  init?: InitializeParams;
  settings: ClientSettings;
  /** Set by the VS Code client from workspace trust (never true for unknown clients). */
  trusted: boolean;
  /** `quadletLs.generatorPath` as the client sent it (user/machine settings only, never the workspace's). */
  generatorPath?: string;
  /** Runs Podman's generator; refuses while `trusted` is false. */
  generator: GeneratorRunner;
  /** Re-reads settings and config, re-analyses everything. */
  reconfigure(): Promise<void>;
}

export interface HandlerModule {
  capabilities?: (init: InitializeParams) => ServerCapabilities;
  register(ctx: ServerContext): void;
}
