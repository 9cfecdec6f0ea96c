// Auto-detects the target Podman version from `podman --version` (the CLI user runs us on purpose,
// so this is trusted). No shell, a short timeout, and the newest known version when it fails.

import { execFile } from 'node:child_process';
import { NEWEST_KNOWN, normaliseVersion } from '../catalog/versions';

export function detectPodmanVersion(timeoutMs = 3000): Promise<string> {
  return new Promise((resolve) => {
    execFile('podman', ['--version'], { timeout: timeoutMs }, (err, stdout) => {
      resolve((!err && normaliseVersion(String(stdout))) || NEWEST_KNOWN);
    });
  });
}
