// The completion result types, independent of the LSP library (the adapter converts them).

import { Range } from '../syntax/model';
import { AnalysisSettings } from '../rules/types';
import { WorkspaceIndex } from '../workspace/index';
import { Scope } from '../workspace/scopes';

export type CompletionKind = 'section' | 'key' | 'value' | 'enum' | 'reference' | 'specifier' | 'snippet' | 'constant';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText: string;
  /** `insertText` uses snippet syntax (`${1:default}`). */
  snippet?: boolean;
  /** Text the item replaces (always on the cursor's line and containing the cursor). */
  range: Range;
  sortText?: string;
  filterText?: string;
  deprecated?: boolean;
  /** The client should ask for completion again after inserting (e.g. values after `Key=`). */
  retrigger?: boolean;
}

/** Extension points the lead wires to other features. */
export interface CompletionHooks {
  /** The next host port nobody on the scope's host listens on at `address` (from the port inventory). */
  nextFreePort?(scope: Scope, address: string): number | undefined;
}

export interface CompletionEnv {
  index: WorkspaceIndex;
  settings: AnalysisSettings;
  hooks: CompletionHooks;
}

export function sortKey(group: number, index: number): string {
  return `${group}${String(index).padStart(4, '0')}`;
}
