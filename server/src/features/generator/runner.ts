// The single gate through which the language server runs Podman's generator. Every run (the
// version query included) first asks `trusted()`: in an untrusted workspace nothing is executed.
// The binary comes from `configuredPath()` (user/machine settings only) or the system locations.

import { WorkspaceIndex } from '../../workspace/index';
import { GeneratorLocation, generatorVersion, locateGenerator } from './locate';
import { GeneratedUnit } from './output';
import { ValidationRun, unitsGeneratedFor, validateScope } from './validate';
import { generatorReads } from './scope-files';
import { SourceFile } from '../../workspace/files';

export const UNTRUSTED_MESSAGE = 'This workspace is not trusted, so quadlet-ls runs no program here (Podman\'s generator included). Trust the workspace to validate with Podman.';

export interface GeneratorStatus {
  trusted: boolean;
  found?: GeneratorLocation;
  /** `quadlet -version`, e.g. "5.8.6". */
  version?: string;
  problem?: string;
}

export interface RunnerEnvironment {
  trusted(): boolean;
  configuredPath(): string | undefined;
  pathEnv?(): string;
  systemPaths?: string[];
  timeoutMs?: number;
}

export type Refusal = { refused: string };

export class GeneratorRunner {
  private cached?: { key: string; status: Promise<GeneratorStatus> };

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly env: RunnerEnvironment,
  ) {}

  /** Forget the located binary (settings or trust changed). */
  reset(): void {
    this.cached = undefined;
  }

  status(): Promise<GeneratorStatus> {
    if (!this.env.trusted()) return Promise.resolve({ trusted: false, problem: UNTRUSTED_MESSAGE });
    const configured = this.env.configuredPath();
    const key = configured ?? '';
    if (this.cached?.key !== key) this.cached = { key, status: this.detect(configured) };
    return this.cached.status;
  }

  private async detect(configured: string | undefined): Promise<GeneratorStatus> {
    const located = await locateGenerator({ configured, pathEnv: this.env.pathEnv?.() ?? process.env.PATH ?? '', systemPaths: this.env.systemPaths });
    if (!located.found) return { trusted: true, problem: located.problem };
    const version = await generatorVersion(located.found.path);
    return { trusted: true, found: located.found, version, ...(version ? {} : { problem: `${located.found.path} did not answer -version with a version number.` }) };
  }

  /** Runs the generator for the scope of `path`. */
  async validate(path: string): Promise<ValidationRun | Refusal> {
    const status = await this.status();
    if (!status.trusted || !this.env.trusted()) return { refused: UNTRUSTED_MESSAGE };
    if (!status.found) return { refused: status.problem ?? 'Podman\'s generator was not found.' };
    const file = this.index.getFile(path);
    if (!file) return { refused: `${path} is not a file quadlet-ls knows.` };
    return validateScope(this.index, file.placement.scope, { binary: status.found.path, timeoutMs: this.env.timeoutMs, focus: path });
  }

  /** The units Podman generates from `path`, and the run that produced them. */
  async preview(path: string): Promise<{ run: ValidationRun; units: GeneratedUnit[] } | Refusal> {
    const file = this.index.getFile(path);
    if (file && !generatorReads(file)) return { refused: notReadReason(file) };
    const run = await this.validate(path);
    if ('refused' in run) return run;
    return { run, units: unitsGeneratedFor(run, this.index, path) };
  }
}

function notReadReason(file: SourceFile): string {
  const id = file.identity;
  if (id.template) return 'Podman\'s generator does not read templates (.j2); render the template first.';
  if (id.kind === 'quadlets') return 'Podman\'s generator does not read .quadlets files; `podman quadlet install` splits them into unit files first.';
  if (file.units()[0]?.foreign) return 'This .network file is a systemd-networkd file, not a Quadlet.';
  return 'Podman\'s generator does not read this file: only Quadlet files (.container, .volume, .network, .kube, .image, .build, .pod, .artifact) and their drop-ins become units.';
}
