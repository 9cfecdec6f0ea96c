// Rename a quadlet: the file, its drop-in directory and every reference, as one WorkspaceEdit.

import { ErrorCodes, RenameParams, ResponseError } from 'vscode-languageserver/node';
import { honourCancellation } from '../cancellation';
import { HandlerModule } from '../context';
import { toWorkspaceEdit, uriToPath } from '../convert';
import { prepareRename, renameUnit } from '../../features/rename';
import { navContext } from '../../features/navigation';

export const renameHandler: HandlerModule = {
  capabilities: () => ({ renameProvider: { prepareProvider: true } }),
  register({ connection, service, publisher }) {
    connection.onPrepareRename((p) => {
      const path = uriToPath(p.textDocument.uri);
      publisher.flush(path);
      const r = prepareRename(navContext(service), path, p.position);
      if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
      return r.range ? { range: r.range, placeholder: r.placeholder } : { defaultBehavior: true };
    });
    connection.onRenameRequest(honourCancellation((p: RenameParams) => {
      const path = uriToPath(p.textDocument.uri);
      publisher.flush(path);
      const r = renameUnit(navContext(service), path, p.position, p.newName);
      if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
      return toWorkspaceEdit(r.change);
    }));
  },
};
