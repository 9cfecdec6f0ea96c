// Every handler module the server registers. Adding a feature: write handlers/<feature>.ts and list it here.

import { HandlerModule } from '../context';
import { documentsHandler } from './documents';
import { codeActionsHandler } from './code-actions';
import { portsHandler } from './ports';
import { generatorHandler } from './generator';

export const HANDLERS: HandlerModule[] = [documentsHandler, codeActionsHandler, portsHandler, generatorHandler];
