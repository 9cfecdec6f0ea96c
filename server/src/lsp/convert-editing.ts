// Conversions of the editing features' results (completion, hover, symbols) to LSP types.

import * as lsp from 'vscode-languageserver';
import { CompletionItem, CompletionKind } from '../features/completion';
import { DocumentSymbol } from '../features/structure';

const ITEM_KIND: Record<CompletionKind, lsp.CompletionItemKind> = {
  section: lsp.CompletionItemKind.Module,
  key: lsp.CompletionItemKind.Property,
  value: lsp.CompletionItemKind.Value,
  enum: lsp.CompletionItemKind.EnumMember,
  reference: lsp.CompletionItemKind.Reference,
  specifier: lsp.CompletionItemKind.Variable,
  snippet: lsp.CompletionItemKind.Snippet,
  constant: lsp.CompletionItemKind.Constant,
};

/** `retrigger` becomes VS Code's "suggest again" command; other clients would not know it. */
export function toLspCompletionItem(item: CompletionItem, vscodeClient: boolean): lsp.CompletionItem {
  return {
    label: item.label,
    kind: ITEM_KIND[item.kind],
    ...(item.detail ? { detail: item.detail } : {}),
    ...(item.documentation ? { documentation: { kind: lsp.MarkupKind.Markdown, value: item.documentation } } : {}),
    textEdit: { range: item.range, newText: item.insertText },
    insertTextFormat: item.snippet ? lsp.InsertTextFormat.Snippet : lsp.InsertTextFormat.PlainText,
    ...(item.sortText ? { sortText: item.sortText } : {}),
    ...(item.filterText ? { filterText: item.filterText } : {}),
    ...(item.deprecated ? { tags: [lsp.CompletionItemTag.Deprecated] } : {}),
    ...(item.retrigger && vscodeClient ? { command: { title: 'Suggest values', command: 'editor.action.triggerSuggest' } } : {}),
  };
}

const SYMBOL_KIND: Record<DocumentSymbol['kind'], lsp.SymbolKind> = {
  file: lsp.SymbolKind.File,
  section: lsp.SymbolKind.Namespace,
  key: lsp.SymbolKind.Property,
};

export function toLspDocumentSymbol(s: DocumentSymbol): lsp.DocumentSymbol {
  return {
    name: s.name,
    ...(s.detail ? { detail: s.detail } : {}),
    kind: SYMBOL_KIND[s.kind],
    range: s.range,
    selectionRange: s.selectionRange,
    ...(s.children ? { children: s.children.map(toLspDocumentSymbol) } : {}),
  };
}
