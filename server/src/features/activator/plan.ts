// The activator engine: from a .container or .pod and a few options to one WorkspaceChange (new .socket
// and .service, minimal edits to the quadlet) — or a clear reason why not, or "already done". The code
// actions and `quadlet-ls activate` are thin front ends over planActivator().

import { MAIN_SECTION, unitNameParts } from '../../catalog/filetypes';
import { BindAddress, Protocol, parseListen } from '../../catalog/values/ports';
import { formatIp } from '../../catalog/values/net';
import { atLeast } from '../../catalog/versions';
import { AnalysisSettings } from '../../rules/types';
import {
  DEFAULT_PROXYD_PATH, Published, generatedServiceName, parseSystemdBool, publishServes, publishedPorts, unitRefs,
} from '../../workspace/activation';
import { ParsedUnit } from '../../workspace/files';
import { WorkspaceIndex } from '../../workspace/index';
import { FileChange, WorkspaceChange } from '../edits';
import { ExistingActivator, existingActivators, socketListeningOn, viewOf } from './existing';
import { unitDirectoryFor } from './placement';
import { ListenerRef, PortAllocator } from './port-allocator';
import { addressesOverlap } from '../../workspace/ports/overlap';
import { unprivilegedPortStart } from '../../workspace/ports/checks';
import { QuadletEdits } from './quadlet-edits';
import { Readiness, renderNativeSocket, renderProxyService, renderProxySocket } from './render';

export type Strategy = 'proxy' | 'native';
export const DEFAULT_IDLE_TIMEOUT = '5min';
/** Podman release that has `--sdnotify=healthy` (conservative: Notify=healthy appeared during 4.x). */
const NOTIFY_HEALTHY_SINCE = '5.0';
/** Internal ports stay below Linux's default ephemeral range (32768–60999), where outgoing connections take theirs. */
const EPHEMERAL_START = 32768;

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

const refused = (message: string): ActivatorResult => ({ kind: 'refused', message });

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

const LOOPBACK: BindAddress = { kind: 'ip', ip: { family: 4, value: 0x7f000001n } };

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
  const service = generatedServiceName(view);
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
  const service = generatedServiceName(view);
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

  // Which PublishPort= line.
  const acts = existingActivators(env.index, scope);
  const publishes = publishedPorts(view);
  let chosen: Published | undefined;
  if (options.publish) {
    chosen = publishes.find((p) => p.sourced.unit.file.path === options.publish!.file && p.sourced.entry.line === options.publish!.line);
    if (!chosen) return refused(`line ${options.publish.line + 1} is not an effective PublishPort= of ${unit.name}`);
  } else {
    const matching = listen ? publishes.filter((p) => p.spec.hostPorts?.from === listen!.port) : [];
    const usable = publishes.filter((p) => !publishProblem(p, strategy, !!listen) && !frontedBy(p, service, acts));
    if (matching.length === 1) chosen = matching[0];
    else if (matching.length > 1) return refused(`several PublishPort= of ${unit.name} use port ${listen!.port}`);
    else if (usable.length === 1) chosen = usable[0];
    else if (usable.length > 1) return refused(`${unit.name} has several PublishPort= lines (${usable.map((p) => p.sourced.entry.value).join(', ')}); choose one with --listen ADDR:PORT`);
    else if (publishes.length && publishes.every((p) => frontedBy(p, service, acts))) {
      const a = frontedBy(publishes[0], service, acts)!;
      return { kind: 'up-to-date', message: `${a.sockets[0]?.unit.name ?? a.service.name} already serves ${unit.name}; nothing to do` };
    } else if (!(strategy === 'native' && listen)) {
      const why = publishes.map((p) => publishProblem(p, strategy, !!listen)).find((x) => x);
      return refused(why ?? `${unit.name} publishes no port; add PublishPort= or give --listen ADDR:PORT`);
    }
  }
  if (chosen) {
    const problem = publishProblem(chosen, strategy, !!listen);
    if (problem) return refused(problem);
    const a = frontedBy(chosen, service, acts);
    if (a) return { kind: 'up-to-date', message: `${a.sockets[0]?.unit.name ?? a.service.name} already forwards to PublishPort=${chosen.sourced.entry.value}; nothing to do` };
  }
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
  const listenAddressText = listen.address.kind === 'ip' ? formatIp(listen.address.ip) : listen.address.kind === 'any' ? (listen.address.family === 4 ? '0.0.0.0' : '::') : '';
  if (!env.ports.isPortFree(scope.host, listenAddressText, proto, listen.port, except)) return refused(`${listenText} is already used on host ${scope.host}`);

  const common = { unit, view, service, chosen, listen, listenText, where, idleTimeout, env, options };
  return strategy === 'proxy' ? planProxy(common) : planNative({ ...common, proto });
}

interface Common {
  unit: ParsedUnit;
  view: ReturnType<typeof viewOf>;
  service: string;
  chosen?: Published;
  listen: { address: BindAddress; port: number };
  listenText: string;
  where: { dir: string; manager: 'user' | 'system' | 'unknown'; note?: string };
  idleTimeout: string;
  env: ActivatorEnv;
  options: ActivatorOptions;
}

function taken(env: ActivatorEnv, unit: ParsedUnit, dir: string, file: string): boolean {
  return env.exists(`${dir}/${file}`) || env.index.candidates(unit.file.placement.scope, file).length > 0;
}

function pickName(c: Common, stem: string): { name: string } | { refused: string } {
  const names = [`${stem}-activator`, `${stem}-${c.listen.port}-activator`, ...[2, 3, 4, 5, 6, 7, 8, 9].map((n) => `${stem}-activator-${n}`)];
  const candidates = c.options.onExisting === 'rename' ? names : names.slice(0, 1);
  for (const name of candidates) {
    if (!taken(c.env, c.unit, c.where.dir, `${name}.socket`) && !taken(c.env, c.unit, c.where.dir, `${name}.service`)) return { name };
  }
  const first = names[0];
  const clash = [`${first}.socket`, `${first}.service`].filter((f) => taken(c.env, c.unit, c.where.dir, f));
  return { refused: `${clash.join(' and ')} already exist${clash.length === 1 ? 's' : ''} in ${c.where.dir} (or elsewhere in the scope); nothing was written. Remove or rename ${clash.length === 1 ? 'it' : 'them'} first.` };
}

function internalPort(c: Common): number | undefined {
  const { env, view, chosen, listen } = c;
  const except = chosen ? [{ file: chosen.sourced.unit.file.path, line: chosen.sourced.entry.line }] : [];
  const clashesWithListen = (port: number) => port === listen.port && addressesOverlap(listen.address, LOOPBACK);
  for (const start of [listen.port + 10000 < EPHEMERAL_START ? listen.port + 10000 : 10000, 10000]) {
    let from = start;
    for (;;) {
      const port = env.ports.nextFreePort(view.scope.host, '127.0.0.1', 'tcp', from, except, EPHEMERAL_START);
      if (port === undefined) break;
      if (!clashesWithListen(port)) return port;
      from = port + 1;
    }
  }
  return undefined;
}

/** Turns off [Install] lines that would start the unit at boot (it starts on demand now). */
function disableBootStart(c: Common, edits: QuadletEdits, socket: string): boolean {
  let any = false;
  for (const key of ['WantedBy', 'RequiredBy', 'UpheldBy']) {
    for (const sourced of c.view.all('Install', key)) {
      edits.commentOut(sourced, `quadlet-ls: ${socket} starts ${c.service} on demand, so it no longer starts at boot:`);
      any = true;
    }
  }
  return any;
}

function readiness(c: Common, edits: QuadletEdits, notes: string[]): Readiness {
  if (c.unit.type !== 'container') return 'probe';
  const S = MAIN_SECTION.container;
  const notify = c.view.last(S, 'Notify');
  const value = notify?.entry.value.trim().toLowerCase();
  if (value === 'healthy') return 'healthy';
  if (value !== undefined && parseSystemdBool(value) === true) return 'app';
  const health = c.view.last(S, 'HealthCmd')?.entry.value.trim();
  if (!health || health.toLowerCase() === 'none' || !atLeast(c.env.settings.podmanVersion, NOTIFY_HEALTHY_SINCE)) return 'probe';
  if (notify) edits.setValue(notify, 'healthy');
  else edits.insert(c.unit, S, ['Notify=healthy']);
  notes.push(`${c.unit.name} has HealthCmd=, so it gets Notify=healthy: ${c.service} counts as started once the healthcheck passes.`);
  if (!c.view.has(S, 'HealthStartupCmd') && !c.view.has(S, 'HealthInterval')) {
    notes.push('Podman checks health right after the start and then every HealthInterval= (30s by default); set HealthStartupCmd= and HealthStartupInterval= (e.g. 2s) so the first connection does not wait for the next check.');
  }
  return 'healthy';
}

function installCommands(c: Common, socket: string): string[] {
  const ctl = c.where.manager === 'system' ? 'systemctl' : 'systemctl --user';
  const owner = c.view.scope.owner;
  return [
    `${ctl} daemon-reload`,
    `${ctl} stop ${c.service}   # frees ${c.listenText} if the old container still holds it`,
    `${ctl} enable --now ${socket}`,
    ...(c.where.manager === 'user' && owner ? [`loginctl enable-linger ${owner}   # the user's units run without a login session`] : []),
  ];
}

function finish(c: Common, creates: FileChange[], edits: QuadletEdits, extra: Partial<PlannedActivator> & { socketPath: string }, notes: string[], strategy: Strategy, socket: string): PlannedActivator {
  if (c.where.note) notes.push(`The new units are ${c.where.note}.`);
  return {
    kind: 'plan',
    strategy,
    unit: c.unit,
    service: c.service,
    listen: c.listenText,
    change: { changes: [...creates, ...edits.changes()] },
    notes,
    commands: installCommands(c, socket),
    ...extra,
  };
}

function planProxy(c: Common): ActivatorResult {
  const { unit, view, env } = c;
  const picked = pickName(c, unitNameParts(unit.name).stem);
  if ('refused' in picked) return refused(picked.refused);
  const activator = picked.name;
  if (!c.chosen) return refused(`${unit.name} publishes no port for the proxy to forward to; add PublishPort=`);
  const port = internalPort(c);
  if (port === undefined) return refused(`no free loopback port below ${EPHEMERAL_START} on host ${view.scope.host}`);
  const notes: string[] = [];
  const edits = new QuadletEdits();
  const spec = c.chosen.spec;
  const value = c.chosen.sourced.entry.value;
  const containerPort = value.slice(spec.containerPiece!.start, spec.containerPiece!.end);
  const proto = spec.protocolPiece ? value.slice(spec.protocolPiece.start - 1) : '';
  edits.setValue(c.chosen.sourced, `127.0.0.1:${port}:${containerPort}${proto}`);

  const stopVia = unit.type === 'pod' ? 'BindsTo' : 'StopWhenUnneeded';
  if (stopVia === 'StopWhenUnneeded') {
    const current = view.last('Unit', 'StopWhenUnneeded');
    if (!current) edits.insert(unit, 'Unit', ['StopWhenUnneeded=yes']);
    else if (parseSystemdBool(current.entry.value) !== true) edits.setValue(current, 'yes');
  } else if (!unitRefs(view, ['BindsTo']).some((r) => r.name === `${activator}.service`)) {
    edits.insert(unit, 'Unit', [`BindsTo=${activator}.service`]);
    notes.push(`${unit.name} gets BindsTo=${activator}.service instead of StopWhenUnneeded=yes: its containers keep a pod "needed", so it would never stop when idle.`);
  }
  const ready = readiness(c, edits, notes);
  if (disableBootStart(c, edits, `${activator}.socket`)) notes.push(`The [Install] lines of ${unit.name} are commented out: ${activator}.socket starts ${c.service} on demand.`);
  if (ready === 'probe') notes.push(`Nothing tells when ${c.service} is ready, so the activator probes 127.0.0.1:${port} before forwarding (at most 60s).`);

  const socketPath = `${c.where.dir}/${activator}.socket`;
  const servicePath = `${c.where.dir}/${activator}.service`;
  const units = {
    activator, quadlet: unit.name, service: c.service, listen: c.listenText, internalHost: '127.0.0.1', internalPort: port,
    proxydPath: env.settings.socketProxydPath || DEFAULT_PROXYD_PATH, idleTimeout: c.idleTimeout, readiness: ready, manager: c.where.manager, stopVia,
  } as const;
  const creates: FileChange[] = [
    { kind: 'create', path: socketPath, text: renderProxySocket(units) },
    { kind: 'create', path: servicePath, text: renderProxyService(units) },
  ];
  return finish(c, creates, edits, { socketPath, servicePath, internal: `127.0.0.1:${port}` }, notes, 'proxy', `${activator}.socket`);
}

function planNative(c: Common & { proto: Protocol }): ActivatorResult {
  const { unit, view, env, service } = c;
  const socket = service.replace(/\.service$/, '.socket');
  if (taken(env, unit, c.where.dir, socket)) return refused(`${socket} already exists in ${c.where.dir} (or elsewhere in the scope); nothing was written. Remove or rename it first.`);
  const stop = view.last('Unit', 'StopWhenUnneeded');
  if (stop && parseSystemdBool(stop.entry.value) === true) {
    return refused(`${unit.name} has StopWhenUnneeded=yes: a socket does not keep ${service} needed, so systemd would stop it right after the first connection. Remove it or use the proxy strategy.`);
  }
  const notes: string[] = [`Native activation works only if the image takes the listening socket from systemd (LISTEN_FDS), e.g. nginx with NGINX=3; set in the environment.`];
  const edits = new QuadletEdits();
  if (c.chosen) edits.commentOut(c.chosen.sourced, `quadlet-ls: ${socket} now listens on ${c.listenText} and hands the socket to the container:`);
  if (disableBootStart(c, edits, socket)) notes.push(`The [Install] lines of ${unit.name} are commented out: ${socket} starts ${service} on demand.`);
  notes.push(`${service} keeps running after the first connection; it stops only if the application exits on its own.`);
  const socketPath = `${c.where.dir}/${socket}`;
  const creates: FileChange[] = [{ kind: 'create', path: socketPath, text: renderNativeSocket({ socket, quadlet: unit.name, service, listen: c.listenText, proto: c.proto }) }];
  return finish(c, creates, edits, { socketPath }, notes, 'native', socket);
}
