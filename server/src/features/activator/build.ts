// Builds the planned change once the engine (plan.ts) has chosen the unit, the PublishPort= line and
// the listener: names, the internal port, the new units' text and the quadlet edits.

import { MAIN_SECTION, unitNameParts } from '../../catalog/filetypes';
import { BindAddress, Protocol } from '../../catalog/values/ports';
import { atLeast } from '../../catalog/versions';
import { DEFAULT_PROXYD_PATH, Published, parseSystemdBool, unitRefs } from '../../workspace/activation';
import { ParsedUnit } from '../../workspace/files';
import { addressesOverlap } from '../../workspace/ports/overlap';
import { FileChange } from '../edits';
import { viewOf } from './existing';
import type { ActivatorEnv, ActivatorOptions, ActivatorResult, PlannedActivator, Strategy } from './plan';
import { QuadletEdits } from './quadlet-edits';
import { Readiness, renderNativeSocket, renderProxyService, renderProxySocket } from './render';

/** Podman release that has `--sdnotify=healthy` (conservative: Notify=healthy appeared during 4.x). */
const NOTIFY_HEALTHY_SINCE = '5.0';
/** Internal ports stay below Linux's default ephemeral range (32768–60999), where outgoing connections take theirs. */
const EPHEMERAL_START = 32768;
export const LOOPBACK: BindAddress = { kind: 'ip', ip: { family: 4, value: 0x7f000001n } };
export const refused = (message: string): ActivatorResult => ({ kind: 'refused', message });

/** What the engine decided before building: the unit, the line it takes over, the listener, the directory. */
export interface Common {
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

export function planProxy(c: Common): ActivatorResult {
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

export function planNative(c: Common & { proto: Protocol }): ActivatorResult {
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
