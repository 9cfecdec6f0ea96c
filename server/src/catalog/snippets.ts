// Snippets and new-file skeletons (data/snippets.json). VS Code reads the same data from
// snippets/*.code-snippets, which scripts/gen-snippets.mjs writes from it.

import data from './data/snippets.json';
import { UnitType } from './filetypes';

export interface Snippet {
  name: string;
  language: 'quadlet' | 'systemd';
  prefix: string[];
  description: string;
  /** Lines in snippet syntax (`${1:default}`, `${1|a,b|}`); joined with the file's line ending. */
  body: string[];
  /** File types the snippet is written for. */
  types?: UnitType[];
  /** A whole new file (offered in empty files). */
  skeleton?: boolean;
}

export const SNIPPETS: readonly Snippet[] = Object.entries(data as Record<string, Omit<Snippet, 'name'>>).map(([name, s]) => ({ name, ...s }));

/** Skeletons for a new file of that type; every quadlet skeleton when the type is unknown. */
export function skeletonsFor(type: UnitType | undefined): Snippet[] {
  return SNIPPETS.filter((s) => s.skeleton && (type ? s.types?.includes(type) : s.language === 'quadlet'));
}
