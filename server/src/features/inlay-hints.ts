// Inlay hints (opt-in, setting `quadletLs.inlayHints`): after a reference to another quadlet, the
// name Podman will use for it, e.g. `Network=app.network` → `systemd-app`, `Requires=db.container`
// → `db.service`. Only references that resolve in the referrer's own scope get a hint. References
// and resolution are the workspace's (workspace/references.ts, workspace/resolution.ts).

import { TRANSLATION_SINCE } from '../catalog/values/systemd';
import { atLeast } from '../catalog/versions';
import { Position, Range } from '../syntax/model';
import { WorkspaceIndex } from '../workspace/index';
import { generatedNamesOf, referencesInFile, resolve } from './references';
import { describeNames } from './scope-units';

export interface InlayHint {
  position: Position;
  label: string;
  tooltip?: string;
}

export function inlayHints(path: string, index: WorkspaceIndex, podmanVersion: string, range?: Range): InlayHint[] {
  const ctx = { index, podmanVersion };
  const hints: InlayHint[] = [];
  for (const found of referencesInFile(ctx, path)) {
    const ref = found.ref;
    if (ref.form !== 'quadlet' || ref.implicit) continue;
    // Before 5.5 the generator passes [Unit] dependencies to systemd untranslated: no name to show.
    if (ref.section === 'Unit' && !atLeast(podmanVersion, TRANSLATION_SINCE)) continue;
    const at = ref.range.end;
    if (range && (at.line < range.start.line || at.line > range.end.line)) continue;
    const res = resolve(ctx, found);
    if (res.status !== 'found') continue;
    const names = generatedNamesOf(ctx, res.target);
    // A [Unit] dependency becomes the service's name; every other reference, the Podman object's.
    const label = ref.section === 'Unit' ? names?.service : names?.object?.name;
    if (label) hints.push({ position: at, label, tooltip: `${ref.name} → ${describeNames(names)} (${res.target.file.path})` });
  }
  return hints;
}
