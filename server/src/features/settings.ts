// Turns the workspace config (and editor settings layered on it) into analysis settings.

import { NEWEST_KNOWN, normaliseVersion } from '../catalog/versions';
import { AnalysisSettings } from '../rules/types';
import { QuadletConfig } from '../workspace/config';

export function settingsFromConfig(config: QuadletConfig, podmanVersion?: string): AnalysisSettings {
  return {
    podmanVersion: normaliseVersion(podmanVersion ?? config.podmanVersion ?? '') ?? NEWEST_KNOWN,
    severity: { ...(config.severity ?? {}) },
    trustedAddresses: [...(config.trustedAddresses ?? [])],
    unprivilegedPortStart: config.unprivilegedPortStart ?? 1024,
    hardening: config.hardening ?? 'off',
    socketProxydPath: config.socketProxydPath,
  };
}
