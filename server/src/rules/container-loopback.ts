// `container-loopback`: a container points at `127.0.0.1:P`, `localhost:P` or `[::1]:P` (in
// Environment=, Exec=, PodmanArgs= or an EnvironmentFile= it names) while P is a listener on the
// host's loopback owned by another unit. Inside the container, loopback is the container itself.
// Silent when loopback is shared on purpose (Network=host, another container's namespace), for pod
// members (the pod's containers share a loopback and may listen unpublished), and when P is the
// container's own published port. Mentions inside template expressions are never read.
// Known limit: a listen address in Exec= (`--bind 127.0.0.1:P`) looks like a target too.

import { LoopbackEndpoint, loopbackEndpoints } from '../catalog/values/endpoints';
import { parseEnvFile } from '../catalog/values/env-file';
import { splitArgs } from '../catalog/values/lists';
import { PortRange, parsePublishPort } from '../catalog/values/ports';
import { RelatedInformation } from '../syntax/diagnostic';
import { Range, containsPosition, lineRange, valuePieceRange } from '../syntax/model';
import { maskTemplateExpressions } from '../syntax/template';
import { envFileRefs } from '../workspace/env-files';
import { ParsedUnit } from '../workspace/files';
import { HostReach, containerName, hostReach } from '../workspace/host-reach';
import { podmanArgOptions, podmanArgsOf } from '../workspace/podman-args';
import { hostLoopbackListeners } from '../workspace/ports/host-loopback';
import { Listener, describeEndpoint, describePlace, ownerLabel, shortPath } from '../workspace/ports/model';
import { UnitView } from '../workspace/unit-view';
import { RuleContext, UnitRule } from './types';

/** One place where the container names a loopback endpoint. */
interface Mention {
  /** What points there: `DATABASE_URL`, `Exec=`, `app.env line 3: DATABASE_URL`. */
  label: string;
  endpoint: LoopbackEndpoint;
  unit: ParsedUnit;
  range: Range;
  related?: RelatedInformation;
}

const MAP = '169.254.1.3';
const pasta = (port: number) =>
  `Network=pasta:--map-host-loopback,${MAP} plus AddHost=host.containers.internal:${MAP}, then connect to host.containers.internal:${port}`;

export const messages = {
  why: (m: Mention, owners: Listener[], rootless: boolean) =>
    `${m.label} points at ${m.endpoint.host}:${m.endpoint.port}, but inside the container ${m.endpoint.host} is the container itself: port ${m.endpoint.port} on the host's loopback belongs to ${owners.map(describePlace).join('; ')}` +
    (rootless ? ", and rootless Podman keeps the host's loopback out of reach." : '.'),
  fix: (reach: HostReach, port: number): string => {
    switch (reach.kind) {
      case 'bridge':
        return `The container is on ${reach.network}, a bridge network, which cannot use pasta's loopback mapping: to reach the service, replace that network with ${pasta(port)}.`;
      case 'slirp4netns':
        return `To reach the service, use Network=slirp4netns:allow_host_loopback=true and connect to 10.0.2.2:${port}.`;
      case 'rootful':
        return "A rootful container cannot use pasta's loopback mapping: use Network=host, or let the service also listen on an address the container's network reaches.";
      default:
        return `To reach the service, use ${pasta(port)}.`;
    }
  },
  sameUser: (owner: Listener, name: string, port: number) =>
    ` Or, as ${owner.unit.name} belongs to ${ownerLabel(owner.scope)} too, put both containers on one .network and connect to ${name}:${port}.`,
  related: (o: Listener) => `${ownerLabel(o.scope)}: ${describeEndpoint(o)} in ${o.unit.name}`,
  envFileLine: (name: string, file: string) => `${name} in ${file}`,
};

function mentionsIn(text: string, label: (e: LoopbackEndpoint) => string, unit: ParsedUnit, range: (e: LoopbackEndpoint) => Range): Mention[] {
  return loopbackEndpoints(text).map((endpoint) => ({ label: label(endpoint), endpoint, unit, range: range(endpoint) }));
}

function environmentMentions(view: UnitView): Mention[] {
  const out: Mention[] = [];
  for (const { entry, unit } of view.values('Container', 'Environment')) {
    const text = maskTemplateExpressions(entry.value);
    // Most values mention no loopback endpoint: look for one before splitting the words.
    const endpoints = loopbackEndpoints(text);
    if (endpoints.length === 0) continue;
    const { words, problems } = splitArgs(text);
    if (problems.length) continue; // Podman drops the whole line
    const name = (e: LoopbackEndpoint) => words.find((w) => w.start <= e.start && e.end <= w.end)?.text.split('=')[0] || 'Environment=';
    for (const endpoint of endpoints) out.push({ label: name(endpoint), endpoint, unit, range: valuePieceRange(entry, endpoint.start, endpoint.end) });
  }
  return out;
}

function execMentions(view: UnitView): Mention[] {
  const exec = view.last('Container', 'Exec');
  if (!exec) return [];
  const { entry, unit } = exec;
  return mentionsIn(maskTemplateExpressions(entry.value), () => 'Exec=', unit, (e) => valuePieceRange(entry, e.start, e.end));
}

/** PodmanArgs, except the values of --publish and --network (the container's own ports and network). */
function podmanArgsMentions(view: UnitView): Mention[] {
  const out: Mention[] = [];
  for (const { entry, unit } of view.values('Container', 'PodmanArgs')) {
    if (entry.templated) continue;
    const skip = podmanArgOptions(entry, unit).filter((o) => o.option === 'publish' || o.option === 'network');
    const found = mentionsIn(entry.value, () => 'PodmanArgs=', unit, (e) => valuePieceRange(entry, e.start, e.end));
    out.push(...found.filter((m) => !skip.some((o) => containsPosition(o.range, m.range.start))));
  }
  return out;
}

function envFileMentions(view: UnitView, ctx: RuleContext): Mention[] {
  const out: Mention[] = [];
  for (const ref of envFileRefs(view)) {
    const file = ctx.workspace.index.getFile(ref.path);
    if (!file || file.skipped) continue;
    const short = shortPath(ref.path, view.main.file.placement.searchDir);
    for (const line of parseEnvFile(file.text)) {
      if (line.value === undefined) continue;
      for (const endpoint of loopbackEndpoints(line.value)) {
        const at = lineRange(line.line, line.valueStart + endpoint.start, line.valueStart + endpoint.end);
        out.push({
          label: `${short} line ${line.line + 1}: ${line.name}`,
          endpoint,
          unit: ref.unit,
          range: ref.range,
          related: { file: ref.path, range: at, message: messages.envFileLine(line.name, short) },
        });
      }
    }
  }
  return out;
}

/** Host and container ports the container publishes itself (templates included, unlike the inventory). */
function ownPorts(view: UnitView): PortRange[] {
  const specs = [...view.values('Container', 'PublishPort').map((e) => e.entry.value), ...podmanArgsOf(view, 'Container').filter((o) => o.option === 'publish').map((o) => o.value)];
  return specs.flatMap((s) => {
    const spec = parsePublishPort(s);
    return [spec.hostPorts, spec.containerPorts].filter((r): r is PortRange => !!r);
  });
}

/** One listener per written specification (a `tcp,udp` line is one place). */
function distinct(listeners: Listener[]): Listener[] {
  const seen = new Set<string>();
  return listeners.filter((l) => {
    const k = `${l.at.file}:${l.at.range.start.line}:${l.at.range.start.character}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function sameUserHint(view: UnitView, owners: Listener[], port: number): string {
  const owner = owners.find((o) => o.unit.type === 'container' && o.scope.owner !== undefined && o.scope.owner === view.scope.owner && o.ports && o.containerPorts);
  if (!owner) return '';
  const inside = owner.containerPorts!.from + (port - owner.ports!.from);
  return messages.sameUser(owner, containerName(new UnitView(owner.unit)), inside);
}

export const containerLoopbackRule: UnitRule = {
  code: 'container-loopback',
  kind: 'unit',
  severity: 'warning',
  summary: "A container connects to 127.0.0.1/localhost for a port that another unit listens on at the host's loopback.",
  check(view, ctx) {
    if (view.type !== 'container' || view.main.identity.kind === 'dropin') return;
    const reach = hostReach(view, ctx.settings.podmanVersion);
    if (reach.kind === 'shared' || reach.kind === 'pod') return;
    const mentions = [...environmentMentions(view), ...execMentions(view), ...podmanArgsMentions(view), ...envFileMentions(view, ctx)];
    if (!mentions.length) return;
    const own = ownPorts(view);
    for (const m of mentions) {
      const port = m.endpoint.port;
      if (own.some((r) => r.from <= port && port <= r.to)) continue;
      const owners = distinct(hostLoopbackListeners(ctx.workspace, view.scope.host, port, m.endpoint.addresses, view.main));
      if (!owners.length) continue;
      const message = messages.why(m, owners, reach.kind !== 'rootful') + ' ' + messages.fix(reach, port) + sameUserHint(view, owners, port);
      const related: RelatedInformation[] = owners.map((o) => ({ file: o.at.file, range: o.at.range, message: messages.related(o) }));
      if (m.related) related.unshift(m.related);
      ctx.report({ unit: m.unit, range: m.range, message, related });
    }
  },
};
