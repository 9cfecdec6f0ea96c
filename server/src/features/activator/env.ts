// Builds what the activator engine needs from the workspace. The port allocator is chosen here and
// only here: when the host-wide port inventory of the `ports` feature lands, swap indexPortAllocator
// for it in this one function.

import { existsSync } from 'node:fs';
import { AnalysisSettings } from '../../rules/types';
import { WorkspaceIndex } from '../../workspace/index';
import { ActivatorEnv } from './plan';
import { indexPortAllocator } from './port-allocator';

export function activatorEnv(index: WorkspaceIndex, settings: Pick<AnalysisSettings, 'podmanVersion' | 'socketProxydPath'>, exists: (path: string) => boolean): ActivatorEnv {
  return { index, settings, exists, ports: indexPortAllocator(index) };
}

/** A file exists when the workspace holds it or it is on disk (creating it would overwrite it). */
export function fileExists(index: WorkspaceIndex): (path: string) => boolean {
  return (p) => !!index.getFile(p) || (!p.includes('://') && existsSync(p));
}
