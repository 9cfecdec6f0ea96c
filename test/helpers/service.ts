// A language service over in-memory files, for feature tests through the service API.

import { QuadletService } from '../../server/src/features/service';
import { AnalysisSettings } from '../../server/src/rules/types';
import { QuadletConfig } from '../../server/src/workspace/config';
import { ROOT } from './workspace';

export function abs(path: string): string {
  return path.startsWith('/') ? path : `${ROOT}/${path}`;
}

/** A service with these files open (paths relative to /ws unless absolute). */
export function serviceWith(files: Record<string, string>, settings: Partial<AnalysisSettings> = {}, config: QuadletConfig = {}): QuadletService {
  const service = new QuadletService({ scope: { roots: [ROOT], config }, settings });
  for (const [path, text] of Object.entries(files)) service.openDocument(abs(path), text, 1);
  return service;
}

/** Home directory of a user in the mirrored test host "h1". */
export function userDir(user: string): string {
  return `${ROOT}/hosts/h1/home/${user}/.config/containers/systemd`;
}

/** A user's plain systemd unit directory (sockets, activator services) in the test host "h1". */
export function userSystemdDir(user: string): string {
  return `${ROOT}/hosts/h1/home/${user}/.config/systemd/user`;
}
