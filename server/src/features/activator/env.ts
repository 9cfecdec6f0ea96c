// Builds what the activator engine needs from the workspace: the index, the settings, the host-wide
// port inventory and a way to tell whether a file exists.

import { existsSync } from 'node:fs';
import { AnalysisSettings } from '../../rules/types';
import { WorkspaceIndex } from '../../workspace/index';
import { ActivatorEnv } from './plan';
import { inventoryPortAllocator } from './port-allocator';

export function activatorEnv(index: WorkspaceIndex, settings: Pick<AnalysisSettings, 'podmanVersion' | 'socketProxydPath'>, exists: (path: string) => boolean): ActivatorEnv {
  return { index, settings, exists, ports: inventoryPortAllocator(index) };
}

/** A file exists when the workspace holds it or it is on disk (creating it would overwrite it). */
export function fileExists(index: WorkspaceIndex): (path: string) => boolean {
  return (p) => !!index.getFile(p) || (!p.includes('://') && existsSync(p));
}
