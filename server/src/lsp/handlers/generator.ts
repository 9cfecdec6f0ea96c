// Podman's generator over LSP: status (path, version), "Validate with Podman" and the generated
// unit preview. Refuses everything while the workspace is untrusted. The binary path arrives only
// through initializationOptions.generatorPath or the `quadletLs/generatorPath` notification, both
// filled by the client from the user's own settings — never from workspace/configuration.

import { HandlerModule, ServerContext } from '../context';
import { honourCancellation } from '../cancellation';
import { uriToPath } from '../convert';
import { describeScope } from '../../workspace/scopes';
import { UNTRUSTED_MESSAGE } from '../../features/generator/runner';
import { renderPreview } from '../../features/generator/preview';

export const GeneratorRequests = {
  status: 'quadletLs/generatorStatus',
  validate: 'quadletLs/validateWithPodman',
  generatedUnit: 'quadletLs/generatedUnit',
  setPath: 'quadletLs/generatorPath',
} as const;

export interface ValidateResponse {
  refused?: string;
  scope?: string;
  files?: number;
  errors?: number;
  warnings?: number;
  general?: string[];
  version?: string;
  durationMs?: number;
}

export interface GeneratedUnitResponse {
  refused?: string;
  /** The preview document text. */
  text?: string;
  units?: { name: string; text: string }[];
}

async function validate(ctx: ServerContext, uri: string): Promise<ValidateResponse> {
  if (!ctx.trusted) return { refused: UNTRUSTED_MESSAGE };
  const path = uriToPath(uri);
  ctx.publisher.flush(path);
  const run = await ctx.generator.validate(path);
  if ('refused' in run) return { refused: run.refused };
  ctx.publisher.publish(ctx.service.podman.replace(run.files, run.diagnostics, (p) => ctx.service.text(p)));
  const status = await ctx.generator.status();
  return {
    scope: describeScope(run.scope),
    files: run.files.length,
    errors: run.diagnostics.filter((d) => d.severity === 'error').length,
    warnings: run.diagnostics.filter((d) => d.severity !== 'error').length,
    general: run.general,
    version: status.version,
    durationMs: run.durationMs,
  };
}

async function generatedUnit(ctx: ServerContext, uri: string): Promise<GeneratedUnitResponse> {
  if (!ctx.trusted) return { refused: UNTRUSTED_MESSAGE };
  const path = uriToPath(uri);
  ctx.publisher.flush(path);
  const result = await ctx.generator.preview(path);
  if ('refused' in result) return { refused: result.refused };
  ctx.publisher.publish(ctx.service.podman.replace(result.run.files, result.run.diagnostics, (p) => ctx.service.text(p)));
  const status = await ctx.generator.status();
  const text = renderPreview({ path, run: result.run, units: result.units, version: status.version });
  return { text, units: result.units.map((u) => ({ name: u.name, text: u.text })) };
}

export const generatorHandler: HandlerModule = {
  register(ctx) {
    const { connection } = ctx;
    connection.onRequest(GeneratorRequests.status, async () => {
      const s = await ctx.generator.status();
      return { trusted: s.trusted, path: s.found?.path, source: s.found?.source, version: s.version, problem: s.problem };
    });
    connection.onRequest(GeneratorRequests.validate, honourCancellation((p: { uri: string }) => validate(ctx, p.uri)));
    connection.onRequest(GeneratorRequests.generatedUnit, honourCancellation((p: { uri: string }) => generatedUnit(ctx, p.uri)));
    connection.onNotification(GeneratorRequests.setPath, async (p: { path?: string }) => {
      const next = typeof p?.path === 'string' && p.path.trim() ? p.path : undefined;
      if (next === ctx.generatorPath) return;
      ctx.generatorPath = next;
      ctx.generator.reset();
      await ctx.reconfigure(); // the detected target version may change
    });
  },
};
