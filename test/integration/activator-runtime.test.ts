// What the generated units rely on at run time, checked with the real programs on this machine:
// - the oracles really fail on broken input (systemd-analyze verify, the quadlet generator), so the
//   golden tests' "accepted" means something;
// - systemd-socket-proxyd does not retry a refused backend (hence the readiness wait) and exits after
//   --exit-idle-time (hence the idle stop), run exactly as the generated ExecStart= says;
// - the readiness probe of ExecStartPre= waits while nothing listens or a forwarder accepts and closes
//   (what rootless Podman's port forwarder does before the application listens), and returns once a
//   server holds or greets the connection.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { AddressInfo, Server, Socket, createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { probeCommand, renderProxyService, renderProxySocket, ProxyUnits } from '../../server/src/features/activator/render';
import { splitWords } from '../../server/src/syntax/words';
import { parseUnit } from '../../server/src/syntax/parser';
import { ORACLES, PROXYD, SOCKET_ACTIVATE, SYSTEMD_ANALYZE, generatorProblems, need, quadletDryRun, run, splitDryRun, verifyUnits } from '../helpers/systemd-tools';

/** A command line of a unit as systemd runs it: split into words, `$$` unescaped. */
function commandOf(unitText: string, key: string): string[] {
  const entry = parseUnit(unitText).entries.find((e) => e.key === key);
  assert.ok(entry, `no ${key}=`);
  return splitWords(entry.value).words.map((w) => w.text.replace(/\$\$/g, '$'));
}

type Mode = 'close' | 'reset' | 'hold' | 'greet';

const OPEN = new WeakMap<Server, Set<Socket>>();

/** A TCP server that tracks its connections, so closing it never waits for a client. */
function tracked(handler: (c: Socket) => void): Server {
  const open = new Set<Socket>();
  const s = createServer((c) => {
    open.add(c);
    c.on('close', () => open.delete(c));
    c.on('error', () => undefined); // probes hang up early; that is expected
    handler(c);
  });
  OPEN.set(s, open);
  return s;
}

function server(mode: Mode): Promise<Server> {
  const s = tracked((c) => {
    if (mode === 'close') c.end();
    else if (mode === 'reset') c.resetAndDestroy();
    else if (mode === 'greet') c.write('220 ready\r\n');
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

function closeServer(s: Server): Promise<void> {
  for (const c of OPEN.get(s) ?? []) c.destroy();
  return new Promise((resolve) => s.close(() => resolve()));
}

/** A port nothing listens on (bound, read, released). */
async function unusedPort(): Promise<number> {
  const s = await server('close');
  const port = (s.address() as AddressInfo).port;
  await closeServer(s);
  return port;
}

function waitExit(p: ChildProcess, ms: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms);
    p.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

function waitOutput(p: ChildProcess, pattern: RegExp, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${ms} ms; got: ${seen}`)), ms);
    const on = (b: Buffer) => {
      seen += b.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    };
    p.stdout?.on('data', on);
    p.stderr?.on('data', on);
  });
}

/** Connects and collects what arrives until the peer closes (or `ms` pass). */
function exchange(port: number, ms: number): Promise<{ data: string; closedByPeer: boolean }> {
  return new Promise((resolve, reject) => {
    const c = connect(port, '127.0.0.1');
    let data = '';
    const timer = setTimeout(() => {
      c.destroy();
      resolve({ data, closedByPeer: false });
    }, ms);
    c.on('data', (b) => {
      data += b.toString();
      if (data.includes('\n')) {
        clearTimeout(timer);
        c.destroy();
        resolve({ data, closedByPeer: false });
      }
    });
    c.on('end', () => {
      clearTimeout(timer);
      resolve({ data, closedByPeer: true });
    });
    c.on('error', (e) => {
      clearTimeout(timer);
      if ((e as NodeJS.ErrnoException).code === 'ECONNRESET') resolve({ data, closedByPeer: true });
      else reject(e);
    });
  });
}

const HAVE_BASH = existsSync('/bin/bash') && existsSync('/usr/bin/timeout');

function units(overrides: Partial<ProxyUnits>): ProxyUnits {
  return {
    activator: 'db-activator', quadlet: 'db.container', service: 'db.service', listen: '127.0.0.1:5432', internalHost: '127.0.0.1', internalPort: 15432,
    proxydPath: PROXYD ?? '/usr/lib/systemd/systemd-socket-proxyd', idleTimeout: '5min', readiness: 'probe', manager: 'user', stopVia: 'StopWhenUnneeded', ...overrides,
  };
}

describe('the oracles reject broken input', () => {
  it('systemd-analyze verify fails without the container service, on a missing program, and our check catches unknown keys', async (t) => {
    if (!need(t, 'systemd-analyze', !!SYSTEMD_ANALYZE)) return;
    const u = units({});
    const pair = { 'db-activator.socket': renderProxySocket(u), 'db-activator.service': renderProxyService(u) };
    const dbService = '[Unit]\nDescription=stand-in for the generated db.service\n[Service]\nExecStart=/bin/true\n';
    const tmp = mkdtempSync(join(tmpdir(), 'qls-neg-'));
    try {
      const ok = await verifyUnits(join(tmp, 'ok'), { ...pair, 'db.service': dbService }, Object.keys(pair));
      assert.equal(ok.code, 0, ok.stdout + ok.stderr);
      assert.deepEqual(ok.problems, []);

      const missing = await verifyUnits(join(tmp, 'missing'), pair, Object.keys(pair));
      assert.notEqual(missing.code, 0);
      assert.match(missing.stdout + missing.stderr, /db\.service not found/);

      const badProgram = await verifyUnits(join(tmp, 'prog'), { ...pair, 'db.service': dbService, 'db-activator.service': pair['db-activator.service'].replace(u.proxydPath, '/usr/lib/systemd/no-such-proxyd') }, Object.keys(pair));
      assert.notEqual(badProgram.code, 0);

      const typo = await verifyUnits(join(tmp, 'typo'), { ...pair, 'db.service': dbService, 'db-activator.socket': pair['db-activator.socket'].replace('Accept=no', 'Acept=no') }, Object.keys(pair));
      assert.equal(typo.code, 0, 'systemd-analyze only warns about unknown keys…');
      assert.ok(typo.problems.some((l) => /Unknown key/.test(l)), '…which our check turns into a failure');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('the generators refuse a quadlet with an unknown key in [Container]', async (t) => {
    const tmp = mkdtempSync(join(tmpdir(), 'qls-neg-q-'));
    try {
      mkdirSync(join(tmp, 'q'));
      writeFileSync(join(tmp, 'q', 'db.container'), '[Container]\nImage=docker.io/library/postgres:16\nNotifyy=healthy\n');
      for (const oracle of ORACLES) {
        if (!need(t, `the Podman ${oracle.version} generator (run ../shared/tools/fetch-quadlet)`, !!oracle.bin)) return;
        const r = await quadletDryRun(oracle.bin!, join(tmp, 'q'), true);
        assert.notEqual(r.code, 0);
        assert.ok(generatorProblems(r.stderr).length > 0, r.stderr);
        assert.equal(splitDryRun(r.stdout).has('db.service'), false);
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('systemd-socket-proxyd as the generated ExecStart= runs it', () => {
  it('drops a connection when the container does not listen yet (no retry), forwards once it does, and exits after the idle time', async (t) => {
    if (!need(t, 'systemd-socket-activate', !!SOCKET_ACTIVATE) || !need(t, 'systemd-socket-proxyd', !!PROXYD)) return;
    const backendPort = await unusedPort();
    const listenPort = await unusedPort();
    const service = renderProxyService(units({ internalPort: backendPort, idleTimeout: '1s', listen: `127.0.0.1:${listenPort}` }));
    const exec = commandOf(service, 'ExecStart');
    assert.equal(exec[0], PROXYD);
    const proc = spawn(SOCKET_ACTIVATE!, ['-l', `127.0.0.1:${listenPort}`, ...exec], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await waitOutput(proc, /Listening on/, 5000);
      const early = await exchange(listenPort, 3000);
      assert.equal(early.closedByPeer, true, 'the proxy closes the client when the backend refuses');
      assert.equal(early.data, '');

      // The container comes up on the port the proxy forwards to.
      const real = tracked((c) => c.write('220 ready\r\n'));
      await new Promise<void>((resolve) => real.listen(backendPort, '127.0.0.1', () => resolve()));
      try {
        const later = await exchange(listenPort, 3000);
        assert.equal(later.data, '220 ready\r\n');
        const code = await waitExit(proc, 5000);
        assert.equal(code, 0, 'exits cleanly after --exit-idle-time without connections');
      } finally {
        await closeServer(real);
      }
    } finally {
      proc.kill();
    }
  });
});

describe('the readiness probe of ExecStartPre=', () => {
  const probe = (port: number) => {
    const words = splitWords(probeCommand('127.0.0.1', port)).words.map((w) => w.text.replace(/\$\$/g, '$'));
    return { file: words[0], args: words.slice(1) };
  };

  for (const mode of ['nothing', 'close', 'reset'] as const) {
    it(`keeps waiting while ${mode === 'nothing' ? 'nothing listens' : `a forwarder accepts and ${mode === 'close' ? 'closes' : 'resets'}`}`, async (t) => {
      if (!need(t, '/bin/bash and /usr/bin/timeout', HAVE_BASH)) return;
      const s = mode === 'nothing' ? undefined : await server(mode);
      const port = s ? (s.address() as AddressInfo).port : await unusedPort();
      try {
        const { file, args } = probe(port);
        const r = await run(file, args, { timeoutMs: 1500 });
        assert.equal(r.killed, true, `the probe returned (${r.code}) although the port is not ready`);
      } finally {
        if (s) await closeServer(s);
      }
    });
  }

  for (const mode of ['hold', 'greet'] as const) {
    it(`returns success once a server ${mode === 'hold' ? 'holds the connection' : 'greets first'}`, async (t) => {
      if (!need(t, '/bin/bash and /usr/bin/timeout', HAVE_BASH)) return;
      const s = await server(mode);
      try {
        const { file, args } = probe((s.address() as AddressInfo).port);
        const r = await run(file, args, { timeoutMs: 5000 });
        assert.equal(r.killed, false);
        assert.equal(r.code, 0, r.stderr);
      } finally {
        await closeServer(s);
      }
    });
  }
});
