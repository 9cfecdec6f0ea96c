// `activator-target`: a service running systemd-socket-proxyd must forward to an address that the
// container (or pod) it starts publishes; otherwise the first connection starts the container and is then
// dropped. Also flags an activator that does not start the unit publishing its target at all.

import { MAIN_SECTION, isQuadletType } from '../catalog/filetypes';
import { RelatedInformation } from '../syntax/diagnostic';
import { valuePieceRange } from '../syntax/model';
import {
  Published, STARTING_DEPENDENCIES, generatedServiceName, proxydCommand, publishServes, publishedPorts, resolveService, unitRefs,
} from '../workspace/activation';
import { ParsedUnit } from '../workspace/files';
import { WorkspaceQueries } from '../workspace/queries';
import { servesScope } from '../workspace/scopes';
import { UnitRule } from './types';

export const messages = {
  notPublished: (target: string, started: string[], published: string[]) =>
    `systemd-socket-proxyd forwards to ${target}, but ${started.join(', ')} (started by this unit) does not publish it` +
    (published.length ? ` (it publishes ${published.join(', ')})` : ' (it publishes no port)') +
    ': the container starts and every connection is dropped. Point the proxy at a published address or fix PublishPort=.',
  notStarted: (target: string, provider: string, service: string) =>
    `${provider} publishes ${target}, but this unit does not start it: add Requires=${service} (or BindsTo=) and After=${service}, otherwise the proxy forwards to nothing until someone else starts it.`,
};

const PROVIDERS = new Set(['container', 'pod', 'kube']);

function isProvider(u: ParsedUnit | undefined): u is ParsedUnit {
  return !!u && !!u.type && PROVIDERS.has(u.type) && u.identity.kind !== 'dropin';
}

/** What a unit publishes, including its pod's ports for a container with Pod= (the pod publishes them). */
function publishesOf(q: WorkspaceQueries, unit: ParsedUnit): Published[] {
  const view = q.view(unit);
  const out = publishedPorts(view);
  const pod = unit.type === 'container' ? view.last(MAIN_SECTION.container, 'Pod')?.entry.value.trim() : undefined;
  if (pod) {
    const podUnit = q.resolve(view.scope, pod);
    if (podUnit?.type === 'pod') out.push(...publishedPorts(q.view(podUnit)));
  }
  return out;
}

function publishRelated(list: Published[], unit: ParsedUnit): RelatedInformation[] {
  if (!list.length) {
    const type = unit.type;
    const header = isQuadletType(type) ? unit.doc.sections.find((s) => s.name === MAIN_SECTION[type]) : undefined;
    return header ? [{ file: unit.file.path, range: header.nameRange, message: `${unit.name} publishes no port` }] : [];
  }
  return list.map((p) => ({ file: p.sourced.unit.file.path, range: p.sourced.entry.valueRange, message: `published by ${unit.name}` }));
}

export const activatorTargetRule: UnitRule = {
  code: 'activator-target',
  kind: 'unit',
  severity: 'error',
  summary: "A systemd-socket-proxyd service whose target is not published by the container it starts (or that does not start it).",
  check(view, ctx) {
    if (view.type !== 'service' || view.main.identity.kind === 'dropin') return;
    const cmd = proxydCommand(view);
    const target = cmd?.target;
    if (!cmd || !target || target.kind !== 'inet') return;
    const q = ctx.workspace;
    const entry = cmd.sourced.entry;
    const range = valuePieceRange(entry, cmd.targetStart, cmd.targetEnd);
    const targetText = entry.value.slice(cmd.targetStart, cmd.targetEnd);

    const started = unitRefs(view, STARTING_DEPENDENCIES)
      .map((ref) => resolveService(q, view.scope, ref.name))
      .filter(isProvider);
    if (started.length) {
      const lists = started.map((u) => ({ unit: u, list: publishesOf(q, u) }));
      if (lists.some(({ list }) => list.some((p) => publishServes(p.spec, target)))) return;
      ctx.report({
        unit: cmd.sourced.unit,
        range,
        message: messages.notPublished(targetText, started.map((u) => u.name), lists.flatMap(({ list }) => list.map((p) => p.sourced.entry.value))),
        related: lists.flatMap(({ unit, list }) => publishRelated(list, unit)),
      });
      return;
    }

    // It starts nothing that publishes ports: is the target published by a unit of this scope?
    for (const unit of q.index.unitsOnHost(view.scope.host)) {
      if (!isProvider(unit) || !servesScope(unit.file.placement, view.scope)) continue;
      const hit = publishedPorts(q.view(unit)).find((p) => publishServes(p.spec, target));
      if (!hit) continue;
      const service = generatedServiceName(q.view(unit), q.podmanVersion) ?? unit.name;
      ctx.report({
        unit: cmd.sourced.unit,
        range,
        message: messages.notStarted(targetText, unit.name, service),
        related: [{ file: hit.sourced.unit.file.path, range: hit.sourced.entry.valueRange, message: `published by ${unit.name}` }],
      });
      return;
    }
  },
};
