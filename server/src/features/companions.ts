// Files that hold no unit but that the analysis reads: the Kubernetes YAML a .kube plays. The
// inventories say which ones they want (index.wantedFiles()); loaders read those from disk once.
// A file that cannot be read is remembered in `missing` and not retried until it changes on disk.

import { LoadOptions, readInputSync } from '../workspace/loader';
import { Analysis } from './analysis';

/** Reads wanted files the index does not hold yet; returns the paths whose diagnostics may have changed. */
export async function loadCompanionFiles(analysis: Analysis, options: LoadOptions, missing: Set<string> = new Set()): Promise<string[]> {
  const changed: string[] = [];
  for (const path of analysis.index.wantedFiles()) {
    if (analysis.index.getFile(path) || missing.has(path) || path.includes('://')) continue;
    // readInputSync reads regular files only: `Yaml=/dev/zero` or a FIFO never hangs the reader.
    const input = readInputSync(path, options);
    // A missing, unreadable or special YAML is not a file to report on (the .kube's own checks name it).
    if (input.skipped && input.skipped.kind !== 'too-large' && input.skipped.kind !== 'binary') {
      missing.add(path);
      continue;
    }
    changed.push(...analysis.setFile(path, input));
  }
  return changed;
}
