// Drop-in directories Podman searches for a unit, most specific first (as in Podman's
// GetUnitDropinPaths): "a-b@c.container" → a-b@c.container.d, a-b@.container.d, a-b-@…, a-@.container.d,
// a-.container.d, container.d. Names here are the directory names without the ".d".

import { unitNameParts } from '../catalog/filetypes';

export function dropinDirNames(fileName: string): string[] {
  const { prefix, ext, instance } = unitNameParts(fileName);
  const isTemplate = instance !== undefined;
  const broadToSpecific: string[] = [ext];
  const parts = prefix.split('-');
  for (let i = 0; i < parts.length - 1; i++) {
    const truncated = parts.slice(0, i + 1).join('-') + '-';
    broadToSpecific.push(`${truncated}.${ext}`);
    if (isTemplate) broadToSpecific.push(`${truncated}@.${ext}`);
  }
  if (instance) broadToSpecific.push(`${prefix}@.${ext}`);
  broadToSpecific.push(fileName);
  return broadToSpecific.reverse();
}
