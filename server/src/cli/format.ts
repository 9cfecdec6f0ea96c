// Output formats of `quadlet-ls check`: text, JSON and SARIF 2.1.0. Lines and columns are 1-based;
// columns count UTF-16 code units; end columns are exclusive.

import { relative, isAbsolute } from 'node:path';
import { Diagnostic } from '../syntax/diagnostic';
import { ALL_RULES, EXTRA_CODES } from '../rules/registry';

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Diagnostic['severity'];
  code: string;
  message: string;
  /** The other file and line of a cross-file finding. */
  related?: Array<{ file: string; line: number; column: number; message: string }>;
}

export function displayPath(file: string, cwd = process.cwd()): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(cwd, file);
  return rel.startsWith('..') ? file : rel;
}

export function toJson(d: Diagnostic): JsonFinding {
  return {
    file: displayPath(d.file),
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(d.related?.length ? { related: d.related.map((r) => ({ file: displayPath(r.file), line: r.range.start.line + 1, column: r.range.start.character + 1, message: r.message })) } : {}),
  };
}

export function formatText(list: Diagnostic[]): string {
  const at = (file: string, r: Diagnostic['range']) => `${displayPath(file)}:${r.start.line + 1}:${r.start.character + 1}`;
  return list.map((d) => [`${at(d.file, d.range)}: ${d.severity} ${d.code}: ${d.message}`, ...(d.related ?? []).map((r) => `  ${at(r.file, r.range)}: note: ${r.message}`)].join('\n') + '\n').join('');
}

export function formatSummary(list: Diagnostic[]): string {
  const count = (s: string) => list.filter((d) => d.severity === s).length;
  return `${list.length} finding(s): ${count('error')} error(s), ${count('warning')} warning(s), ${count('information') + count('hint')} note(s)\n`;
}

export function formatJson(list: Diagnostic[]): string {
  return JSON.stringify(list.map(toJson), null, 2) + '\n';
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

export function formatSarif(list: Diagnostic[], version: string): string {
  const rules = [...ALL_RULES.map((r) => ({ id: r.code, text: r.summary })), ...Object.entries(EXTRA_CODES).map(([id, text]) => ({ id, text }))];
  const location = (file: string, r: Diagnostic['range']) => ({
    physicalLocation: {
      artifactLocation: { uri: displayPath(file).split('\\').join('/') },
      region: { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 },
    },
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'quadlet-ls',
            version,
            informationUri: 'https://github.com/quadlet-ls/quadlet-ls',
            rules: rules.map((r) => ({ id: r.id, shortDescription: { text: r.text }, helpUri: `https://github.com/quadlet-ls/quadlet-ls/blob/main/docs/rules.md#${r.id}` })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: list.map((d) => ({
          ruleId: d.code,
          level: SARIF_LEVEL[d.severity],
          message: { text: d.message },
          locations: [location(d.file, d.range)],
          ...(d.related?.length ? { relatedLocations: d.related.map((r, i) => ({ id: i + 1, message: { text: r.message }, ...location(r.file, r.range) })) } : {}),
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
