// Every handler module the server registers. Adding a feature: write handlers/<feature>.ts and list it here.

import { HandlerModule } from '../context';
import { documentsHandler } from './documents';
import { codeActionsHandler } from './code-actions';
import { portsHandler } from './ports';
import { generatorHandler } from './generator';
import { navigationHandler } from './navigation';
import { renameHandler } from './rename';
import { hoverHandler } from './hover';
import { statsHandler } from './stats';
import { completionHandler } from './completion';
import { formattingHandler } from './formatting';
import { structureHandler } from './structure';
import { inlayHintsHandler } from './inlay-hints';

export const HANDLERS: HandlerModule[] = [
  documentsHandler,
  codeActionsHandler,
  portsHandler,
  generatorHandler,
  navigationHandler,
  renameHandler,
  hoverHandler,
  statsHandler,
  completionHandler,
  formattingHandler,
  structureHandler,
  inlayHintsHandler,
];
