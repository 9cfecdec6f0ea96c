// Conversions between our types and LSP types (the only place that knows both).

import { URI } from 'vscode-uri';
import * as lsp from 'vscode-languageserver';
import { Diagnostic, Severity } from '../syntax/diagnostic';
import { CodeAction, WorkspaceChange } from '../features/edits';

const SEVERITY: Record<Severity, lsp.DiagnosticSeverity> = {
  error: lsp.DiagnosticSeverity.Error,
  warning: lsp.DiagnosticSeverity.Warning,
  information: lsp.DiagnosticSeverity.Information,
  hint: lsp.DiagnosticSeverity.Hint,
};
const FROM_SEVERITY: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

/** file: URIs become file-system paths; other documents (untitled:…) keep their URI as key. */
export function uriToPath(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  return URI.parse(uri).fsPath.replace(/\\/g, '/');
}

export function pathToUri(path: string): string {
  return path.includes('://') || path.startsWith('untitled:') ? path : URI.file(path).toString();
}

export function toLspDiagnostic(d: Diagnostic): lsp.Diagnostic {
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    codeDescription: { href: `https://github.com/quadlet-ls/quadlet-ls/blob/main/docs/rules.md#${d.code}` },
    source: d.source ?? 'quadlet-ls',
    message: d.message,
    ...(d.related?.length ? { relatedInformation: d.related.map((r) => ({ location: { uri: pathToUri(r.file), range: r.range }, message: r.message })) } : {}),
    ...(d.data ? { data: d.data } : {}),
  };
}

export function fromLspDiagnostic(path: string, d: lsp.Diagnostic): Diagnostic {
  return {
    file: path,
    range: d.range,
    severity: FROM_SEVERITY[d.severity ?? 1] ?? 'error',
    code: String(d.code ?? ''),
    message: typeof d.message === 'string' ? d.message : d.message.value,
    source: d.source,
    data: (d.data as Record<string, unknown>) ?? undefined,
    // Fixes such as the cross-user activator read the other file from here.
    ...(d.relatedInformation?.length ? { related: d.relatedInformation.map((r) => ({ file: uriToPath(r.location.uri), range: r.location.range, message: r.message })) } : {}),
  };
}

export function toWorkspaceEdit(change: WorkspaceChange): lsp.WorkspaceEdit {
  // Plain text edits use the simple `changes` map, which every client supports.
  if (change.changes.every((c) => c.kind === 'edit')) {
    const changes: Record<string, lsp.TextEdit[]> = {};
    for (const c of change.changes) if (c.kind === 'edit') (changes[pathToUri(c.path)] ??= []).push(...c.edits);
    return { changes };
  }
  const documentChanges: Array<lsp.TextDocumentEdit | lsp.CreateFile | lsp.RenameFile> = [];
  for (const c of change.changes) {
    if (c.kind === 'edit') documentChanges.push({ textDocument: { uri: pathToUri(c.path), version: null }, edits: c.edits });
    else if (c.kind === 'create') {
      const uri = pathToUri(c.path);
      documentChanges.push({ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } });
      documentChanges.push({ textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: c.text }] });
    } else documentChanges.push({ kind: 'rename', oldUri: pathToUri(c.from), newUri: pathToUri(c.to), options: { overwrite: false, ignoreIfExists: false } });
  }
  return { documentChanges };
}

export function toLspCodeAction(a: CodeAction, requested: lsp.Diagnostic[]): lsp.CodeAction {
  return {
    title: a.title,
    kind: a.kind,
    ...(a.isPreferred ? { isPreferred: true } : {}),
    ...(a.fixes ? { diagnostics: requested.filter((d) => a.fixes!.includes(String(d.code))) } : {}),
    ...(a.change ? { edit: toWorkspaceEdit(a.change) } : {}),
    ...(a.command ? { command: a.command } : {}),
  };
}
