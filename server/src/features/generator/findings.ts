// Podman's findings per file. They describe the text the generator saw, so they are shown only
// while the file still has that text: an edit hides them until the next validation.

import { Diagnostic } from '../../syntax/diagnostic';

export class PodmanFindings {
  private readonly byPath = new Map<string, { text: string | undefined; list: Diagnostic[] }>();

  /** Replaces the findings of every file of a run; returns the paths whose findings changed. */
  replace(paths: string[], diagnostics: Diagnostic[], textOf: (path: string) => string | undefined): string[] {
    const changed = new Set<string>();
    for (const p of paths) {
      if (this.byPath.delete(p)) changed.add(p);
    }
    for (const d of diagnostics) {
      let entry = this.byPath.get(d.file);
      if (!entry) this.byPath.set(d.file, (entry = { text: textOf(d.file), list: [] }));
      entry.list.push(d);
      changed.add(d.file);
    }
    return [...changed];
  }

  current(path: string, text: string | undefined): Diagnostic[] {
    const entry = this.byPath.get(path);
    return entry && entry.text === text ? entry.list : [];
  }

  clear(): string[] {
    const paths = [...this.byPath.keys()];
    this.byPath.clear();
    return paths;
  }
}
