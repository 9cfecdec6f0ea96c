// Inlay hints with generated names after references; opt-in (`quadletLs.inlayHints`).

import { InlayHintKind } from 'vscode-languageserver/node';
import { HandlerModule } from '../context';
import { uriToPath } from '../convert';

export const inlayHintsHandler: HandlerModule = {
  capabilities: () => ({ inlayHintProvider: true }),
  register(ctx) {
    ctx.connection.languages.inlayHint.on((p) => {
      if (ctx.settings.inlayHints !== true) return [];
      const path = uriToPath(p.textDocument.uri);
      ctx.publisher.flush(path);
      return ctx.service.inlayHints(path, p.range).map((h) => ({
        position: h.position,
        label: `→ ${h.label}`,
        kind: InlayHintKind.Type,
        paddingLeft: true,
        ...(h.tooltip ? { tooltip: h.tooltip } : {}),
      }));
    });
    // Turning the setting on or off must redraw open editors: ask the client to re-query after
    // every reconfiguration (wrapping keeps server.ts unaware of this feature).
    const reconfigure = ctx.reconfigure;
    ctx.reconfigure = async () => {
      await reconfigure();
      if (ctx.init?.capabilities.workspace?.inlayHint?.refreshSupport) void ctx.connection.languages.inlayHint.refresh();
    };
  },
};
