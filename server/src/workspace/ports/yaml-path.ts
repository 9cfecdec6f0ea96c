// Which files a .kube's `Yaml=` names, as paths in the workspace. Relative paths are relative to
// the unit file's directory (as the generator resolves them). In a mirrored host tree
// (`hosts/web1/home/alice/.config/...`) absolute paths and `%h` are mapped into the same tree;
// other specifiers cannot be resolved offline and are skipped.

import { posix } from 'node:path';
import { splitWords } from '../../syntax/words';
import { Range, valuePieceRange } from '../../syntax/model';
import { ParsedUnit } from '../files';
import { UnitView } from '../unit-view';

export interface YamlRef {
  path: string;
  /** The unit (file or drop-in) and range of the word that names it. */
  unit: ParsedUnit;
  range: Range;
}

const HOST_DIR = /^(.*?)\/(?:home\/([^/]+)\/\.config\/(?:containers\/systemd|systemd\/user)|(?:etc|run|usr\/share)\/containers\/systemd|etc\/systemd\/system)(?:\/|$)/;

/** The mirrored host root ("…/hosts/web1") and the home of the unit's owner, when the tree tells. */
function hostTree(unit: ParsedUnit): { root: string; home?: string } | undefined {
  const m = HOST_DIR.exec(unit.file.placement.searchDir);
  if (!m) return undefined;
  const owner = unit.file.placement.scope.owner;
  let home: string | undefined;
  if (m[2]) home = `${m[1]}/home/${m[2]}`;
  else if (owner === 'root') home = `${m[1]}/root`;
  else if (owner && /^[a-z_][a-z0-9_.-]*$/i.test(owner)) home = `${m[1]}/home/${owner}`;
  return { root: m[1], home };
}

export function resolveYamlPath(word: string, unit: ParsedUnit): string | undefined {
  if (word === '') return undefined;
  if (word.startsWith('%') && !word.startsWith('%%')) {
    if (!word.startsWith('%h/')) return undefined;
    const home = hostTree(unit)?.home;
    return home ? posix.normalize(home + word.slice(2)) : undefined;
  }
  if (word.startsWith('/')) {
    const tree = hostTree(unit);
    return posix.normalize(tree && tree.root !== '' ? tree.root + word : word);
  }
  const dir = posix.dirname(unit.file.path.replace(/\\/g, '/'));
  return posix.normalize(posix.join(dir, word));
}

/** Every YAML file a .kube names (several `Yaml=` lines, or several words from Podman 5.7). */
export function yamlRefs(view: UnitView): YamlRef[] {
  const out: YamlRef[] = [];
  for (const { entry, unit } of view.values('Kube', 'Yaml')) {
    if (entry.templated) continue;
    for (const w of splitWords(entry.value).words) {
      // Relative paths are resolved against the unit file itself, not against a drop-in.
      const path = resolveYamlPath(w.text, view.main);
      if (path) out.push({ path, unit, range: valuePieceRange(entry, w.start, w.end) });
    }
  }
  return out;
}
