// The activator engine: from a .container or .pod and a few options to one WorkspaceChange (new .socket
// and .service, minimal edits to the quadlet) — or a clear reason why not, or "already done". The code
// actions and `quadlet-ls activate` are thin front ends over planActivator().

import { MAIN_SECTION, unitNameParts } from '../../catalog/filetypes';
import { BindAddress, Protocol, parseListen } from '../../catalog/values/ports';
import { formatIp } from '../../catalog/values/net';
import { AnalysisSettings } from '../../rules/types';
import { Published, generatedServiceName, publishServes, publishedPorts } from '../../workspace/activation';
import { ParsedUnit } from '../../workspace/files';
import { WorkspaceIndex } from '../../workspace/index';
import { WorkspaceChange } from '../edits';
import { ExistingActivator, existingActivators, socketListeningOn, viewOf } from './existing';
import { unitDirectoryFor } from './placement';
import { ListenerRef, PortAllocator } from './port-allocator';
import { unprivilegedPortStart } from '../../workspace/ports/checks';
import { LOOPBACK, planNative, planProxy, refused } from './build';

export type Strategy = 'proxy' | 'native';
export const DEFAULT_IDLE_TIMEOUT = '5min';

export interface ActivatorOptions {
  strategy?: Strategy;
  /** Where the socket listens, "ADDR:PORT"; default: the published address if it is a specific one, else 127.0.0.1. */
  listen?: string;
  idleTimeout?: string;
  /** Only this PublishPort= line (the code action's line). */
  publish?: ListenerRef;
  /** When a target file exists: refuse (CLI) or try another name (editor). */
  onExisting?: 'refuse' | 'rename';
}

export interface ActivatorEnv {
  index: WorkspaceIndex;
  settings: Pick<AnalysisSettings, 'podmanVersion' | 'socketProxydPath'> & Partial<Pick<AnalysisSettings, 'unprivilegedPortStart'>>;
  ports: PortAllocator;
  /** Does a file exist (in the workspace or on disk)? */
  exists(path: string): boolean;
}

export interface PlannedActivator {
  kind: 'plan';
  strategy: Strategy;
  /** The quadlet the activator starts (a pod when the asked-for container belongs to one). */
  unit: ParsedUnit;
  /** Its systemd service. */
  service: string;
  listen: string;
  /** Where the container's port moved (proxy). */
  internal?: string;
  socketPath: string;
  servicePath?: string;
  change: WorkspaceChange;
  notes: string[];
  /** Commands that install and start it. */
  commands: string[];
}

export type ActivatorResult = PlannedActivator | { kind: 'up-to-date'; message: string } | { kind: 'refused'; message: string };

/** systemd time span without blanks (5min, 90s, 1h30min) or infinity. */
export function isTimeSpan(text: string): boolean {
  return text === 'infinity' || /^(\d+(\.\d+)?(us|usec|ms|msec|s|sec|seconds?|m|min|minutes?|h|hr|hours?|d|days?|w|weeks?|M|months?|y|years?)?)+$/.test(text);
}

export function parseListenOption(text: string): { address: BindAddress; port: number } | string {
  const spec = parseListen(text);
  if (spec.kind !== 'port') return `"${text}" is not ADDR:PORT (for example 127.0.0.1:5432 or [::1]:5432)`;
  if (spec.address.kind === 'all') return `"${text}" has no address; give one, for example 127.0.0.1:${spec.port} (a bare port listens on every interface)`;
  return { address: spec.address, port: spec.port };
}

/** An address and port as systemd's Listen*= writes them. */
export function formatListen(address: BindAddress, port: number): string {
  if (address.kind === 'all') return String(port);
  if (address.kind === 'any') return address.family === 4 ? `0.0.0.0:${port}` : `[::]:${port}`;
  return address.ip.family === 4 ? `${formatIp(address.ip)}:${port}` : `[${formatIp(address.ip)}]:${port}`;
}

/** An address as the port allocator takes it ("" for every interface). */
function addressText(a: BindAddress): string {
  if (a.kind === 'ip') return formatIp(a.ip);
  return a.kind === 'any' ? (a.family === 4 ? '0.0.0.0' : '::') : '';
}

/** The socket takes the published address when it is a specific one, else loopback. */
export function defaultListen(p: Published): { address: BindAddress; port: number } | undefined {
  if (!p.spec.hostPorts) return undefined;
  return { address: p.spec.address.kind === 'ip' ? p.spec.address : LOOPBACK, port: p.spec.hostPorts.from };
}

function publishProblem(p: Published, strategy: Strategy, listenGiven: boolean): string | undefined {
  const { spec } = p;
  const v = `PublishPort=${p.sourced.entry.value}`;
  if (p.sourced.entry.templated) return `${v} is a template expression`;
  if (spec.problems.length) return `${v} is not valid: ${spec.problems[0].message}`;
  if (spec.hostPorts && spec.hostPorts.from !== spec.hostPorts.to) return `${v} publishes a port range; an activator serves one port`;
  if (!spec.containerPorts || spec.containerPorts.from !== spec.containerPorts.to) return `${v} has a container port range; an activator serves one port`;
  if (!spec.hostPorts && !listenGiven) return `${v} lets Podman pick a random host port; say where the socket listens (--listen ADDR:PORT)`;
  if (spec.protocols.length !== 1) return `${v} names several protocols; an activator serves one`;
  if (strategy === 'proxy' && spec.protocols[0] !== 'tcp') return `systemd-socket-proxyd forwards TCP only, and ${v} is ${spec.protocols[0]}`;
  if (spec.protocols[0] === 'sctp') return `${v} is SCTP, which quadlet-ls does not generate sockets for`;
  return undefined;
}

function frontedBy(p: Published, service: string, acts: ExistingActivator[]): ExistingActivator | undefined {
  return acts.find((a) => a.target?.kind === 'inet' && a.starts.includes(service) && publishServes(p.spec, a.target));
}

/** PublishPort= lines an activator could take (for the code actions on a section header). */
export function activatablePublishes(unit: ParsedUnit, env: ActivatorEnv, strategy: Strategy = 'proxy'): Published[] {
  const view = viewOf(env.index, unit);
  const service = generatedServiceName(view, env.settings.podmanVersion);
  if (!service) return [];
  const acts = existingActivators(env.index, view.scope);
  return publishedPorts(view).filter((p) => !publishProblem(p, strategy, false) && !frontedBy(p, service, acts));
}

/** The pod a container joins (`Pod=`): its unit, 'none', or 'missing' when the scope lacks it. */
export function containerPod(unit: ParsedUnit, env: ActivatorEnv): ParsedUnit | 'none' | 'missing' {
  if (unit.type !== 'container') return 'none';
  const pod = viewOf(env.index, unit).last(MAIN_SECTION.container, 'Pod')?.entry.value.trim();
  if (!pod) return 'none';
  return env.index.resolve(unit.file.placement.scope, pod) ?? 'missing';
}

/** Which PublishPort= line the activator takes over (undefined: none, for native with --listen), or why not. */
function choosePublish(
  unit: ParsedUnit, publishes: Published[], service: string, strategy: Strategy,
  listen: { port: number } | undefined, only: ListenerRef | undefined, acts: ExistingActivator[],
): Published | undefined | Exclude<ActivatorResult, PlannedActivator> {
  let chosen: Published | undefined;
  if (only) {
    chosen = publishes.find((p) => p.sourced.unit.file.path === only.file && p.sourced.entry.line === only.line);
    if (!chosen) return { kind: 'refused', message: `line ${only.line + 1} is not an effective PublishPort= of ${unit.name}` };
  } else {
    const matching = listen ? publishes.filter((p) => p.spec.hostPorts?.from === listen.port) : [];
    const usable = publishes.filter((p) => !publishProblem(p, strategy, !!listen) && !frontedBy(p, service, acts));
    if (matching.length > 1) return { kind: 'refused', message: `several PublishPort= of ${unit.name} use port ${listen!.port}` };
    chosen = matching[0] ?? (usable.length === 1 ? usable[0] : undefined);
    if (!chosen && usable.length > 1) {
      return { kind: 'refused', message: `${unit.name} has several PublishPort= lines (${usable.map((p) => p.sourced.entry.value).join(', ')}); choose one with --listen ADDR:PORT` };
    }
    if (!chosen && publishes.length && publishes.every((p) => frontedBy(p, service, acts))) {
      const a = frontedBy(publishes[0], service, acts)!;
      return { kind: 'up-to-date', message: `${a.sockets[0]?.unit.name ?? a.service.name} already serves ${unit.name}; nothing to do` };
    }
    if (!chosen) {
      if (strategy === 'native' && listen) return undefined;
      const why = publishes.map((p) => publishProblem(p, strategy, !!listen)).find((x) => x);
      return { kind: 'refused', message: why ?? `${unit.name} publishes no port; add PublishPort= or give --listen ADDR:PORT` };
    }
  }
  const problem = publishProblem(chosen, strategy, !!listen);
  if (problem) return { kind: 'refused', message: problem };
  const a = frontedBy(chosen, service, acts);
  if (a) return { kind: 'up-to-date', message: `${a.sockets[0]?.unit.name ?? a.service.name} already forwards to PublishPort=${chosen.sourced.entry.value}; nothing to do` };
  return chosen;
}

export function planActivator(asked: ParsedUnit, options: ActivatorOptions, env: ActivatorEnv): ActivatorResult {
  const strategy = options.strategy ?? 'proxy';
  const idleTimeout = options.idleTimeout ?? DEFAULT_IDLE_TIMEOUT;
  if (!isTimeSpan(idleTimeout)) return refused(`"${idleTimeout}" is not a systemd time span (for example 5min or 90s)`);
  if (asked.type !== 'container' && asked.type !== 'pod') return refused(`${asked.name} is not a .container or .pod`);
  if (asked.identity.kind === 'dropin') return refused(`${asked.name} is a drop-in; generate the activator for the unit it belongs to`);
  if (unitNameParts(asked.name).instance !== undefined) return refused(`${asked.name} is a template or template instance; activators are generated for plain units only`);

  // A container in a pod is published (and started) through its pod.
  const pod = containerPod(asked, env);
  if (pod === 'missing') return refused(`${asked.name} joins a pod that is not in its scope; generate the activator for the pod`);
  const unit = pod === 'none' ? asked : pod;
  if (unit.type === 'pod' && strategy === 'native') return refused(`${unit.name}: native socket activation hands the socket to one container; a pod's service cannot pass it on. Use the proxy strategy.`);

  const view = viewOf(env.index, unit);
  const scope = view.scope;
  const service = generatedServiceName(view, env.settings.podmanVersion);
  if (!service) return refused(`cannot tell which service ${unit.name} generates`);
  const where = unitDirectoryFor(unit, env.index);
  if ('refused' in where) return refused(where.refused);

  let listen: { address: BindAddress; port: number } | undefined;
  if (options.listen !== undefined) {
    const parsed = parseListenOption(options.listen);
    if (typeof parsed === 'string') return refused(parsed);
    listen = parsed;
  }

  // A socket named like the service already activates it (natively), whatever strategy is asked for.
  {
    const socket = env.index.resolve(scope, service.replace(/\.service$/, '.socket'));
    if (socket && (!listen || socketListeningOn(env.index, scope, listen.address, listen.port, 'tcp') === socket || socketListeningOn(env.index, scope, listen.address, listen.port, 'udp') === socket)) {
      return { kind: 'up-to-date', message: `${socket.name} already activates ${service}; nothing to do` };
    }
  }

  const acts = existingActivators(env.index, scope);
  const picked = choosePublish(unit, publishedPorts(view), service, strategy, listen, options.publish, acts);
  if (picked && 'kind' in picked) return picked;
  const chosen = picked;
  listen ??= chosen && defaultListen(chosen);
  if (!listen) return refused('say where the socket listens (--listen ADDR:PORT)');
  const proto: Protocol = chosen?.spec.protocols[0] ?? 'tcp';
  const listenText = formatListen(listen.address, listen.port);

  // Is the listener already there?
  const holder = socketListeningOn(env.index, scope, listen.address, listen.port, proto);
  if (holder) {
    const serves =
      strategy === 'native'
        ? holder.name === service.replace(/\.service$/, '.socket')
        : acts.some((a) => a.starts.includes(service) && a.sockets.some((s) => s.unit === holder));
    if (serves) return { kind: 'up-to-date', message: `${holder.name} already listens on ${listenText} for ${unit.name}; nothing to do` };
    return refused(`${holder.name} already listens on ${listenText}`);
  }
  // A user's systemd manager is as unprivileged as the user: it cannot bind below the sysctl either.
  const start = unprivilegedPortStart(scope.host, env.index.config, env.settings.unprivilegedPortStart ?? 1024);
  if (scope.rootless && listen.port < start) {
    return refused(`${listenText}: ${scope.owner}'s systemd manager cannot listen below port ${start} (net.ipv4.ip_unprivileged_port_start) any more than the container can; listen on a higher port (--listen) or run the service as root`);
  }
  const except = chosen ? [{ file: chosen.sourced.unit.file.path, line: chosen.sourced.entry.line }] : [];
  if (!env.ports.isPortFree(scope.host, addressText(listen.address), proto, listen.port, except)) return refused(`${listenText} is already used on host ${scope.host}`);

  const common = { unit, view, service, chosen, listen, listenText, where, idleTimeout, env, options };
  return strategy === 'proxy' ? planProxy(common) : planNative({ ...common, proto });
}
