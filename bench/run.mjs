// `npm run bench`: quadlet-ls against Podman's own generator on synthetic host trees, and the
// language server's editor latencies and memory. Prints a table with the budgets and writes the
// figures to bench/results/latest.json. Not part of `npm test` (timings depend on the machine).
//
//   node bench/run.mjs [--sizes 100,1000,10000] [--reps N] [--edits N] [--skip-cli] [--skip-lsp]
//                      [--generator /path/to/quadlet] [--out FILE]
//
// Trees are generated with a fixed seed into $TMPDIR/quadlet-ls-bench/<size> (kept between runs).

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SIZES, writeTree } from './tree.mjs';
import { BenchClient, uriOf } from './lsp-client.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(REPO, 'bin', 'quadlet-ls');
const SERVER = join(REPO, 'dist', 'server.js');
const SEED = 42;

// ---- arguments ---------------------------------------------------------------------------------

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const sizes = (option('sizes') ?? '100,1000,10000').split(',').map(Number);
const repsFor = (n) => Number(option('reps') ?? (n >= 10000 ? 5 : n >= 1000 ? 7 : 9));
const EDITS = Number(option('edits') ?? 200);
const OUT = option('out') ?? join(REPO, 'bench', 'results', 'latest.json');

// ---- statistics --------------------------------------------------------------------------------

const sorted = (a) => [...a].sort((x, y) => x - y);
const quantile = (a, q) => {
  const s = sorted(a);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const median = (a) => quantile(a, 0.5);
const min = (a) => Math.min(...a);
const ms = (x) => (x === undefined ? '—' : x >= 100 ? x.toFixed(0) : x.toFixed(1));

function psi() {
  try {
    return readFileSync('/proc/pressure/cpu', 'utf8').split('\n')[0].replace('some ', '');
  } catch {
    return 'n/a';
  }
}

// ---- Podman's generator ------------------------------------------------------------------------

/** The 5.8 generator: --generator, $QUADLET_BIN, or what shared/tools/fetch-quadlet prints. */
function findGenerator() {
  const explicit = option('generator') ?? process.env.QUADLET_BIN;
  if (explicit) return { path: explicit, version: 'given' };
  for (const tool of [join(REPO, '..', 'shared', 'tools', 'fetch-quadlet'), '/work/shared/tools/fetch-quadlet']) {
    if (!existsSync(tool)) continue;
    try {
      const out = execFileSync(tool, [], { encoding: 'utf8', timeout: 300_000 });
      const lines = out.trim().split('\n').map((l) => l.split(/\s+/));
      const newest = lines.filter((l) => l.length >= 2 && existsSync(l[1])).sort((a, b) => Number(b[0]) - Number(a[0]))[0];
      if (newest) return { path: newest[1], version: newest[2] ?? newest[0] };
    } catch {
      /* try the next place */
    }
  }
  return undefined;
}

/** One generator pass over a tree: each user's directory as its own `quadlet -dryrun -user` run. */
function runGenerator(gen, root, users) {
  const t = performance.now();
  let failed = 0;
  for (const u of users) {
    const r = spawnSync(gen.path, ['-dryrun', '-user'], { env: { ...process.env, QUADLET_UNIT_DIRS: join(root, u.dir) }, stdio: 'ignore', timeout: 120_000 });
    if (r.status !== 0) failed++;
  }
  return { ms: performance.now() - t, failed };
}

function runCheck(root, capture = false) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [BIN, 'check', '--podman-version', '5.8', root], { stdio: ['ignore', capture ? 'pipe' : 'ignore', capture ? 'pipe' : 'ignore'], timeout: 600_000, maxBuffer: 1 << 28 });
  const elapsed = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`quadlet-ls check exited ${r.status}: ${r.stderr}`);
  return { ms: elapsed, status: r.status, stdout: capture ? String(r.stdout) : '', stderr: capture ? String(r.stderr) : '' };
}

async function coldCheck(size, tree, gen) {
  // Untimed first runs: warm the page cache and check the results make sense.
  const first = runCheck(tree.root, true);
  const codes = {};
  for (const line of first.stdout.split('\n')) {
    const m = /: (error|warning|information|hint) ([a-z-]+):/.exec(line);
    if (m) codes[m[2]] = (codes[m[2]] ?? 0) + 1;
  }
  const genFirst = gen ? runGenerator(gen, tree.root, tree.plan.users) : undefined;
  const reps = repsFor(size);
  const check = [];
  const generator = [];
  for (let i = 0; i < reps; i++) {
    // Alternate the order so neither side always runs first.
    if (i % 2 === 0) {
      check.push(runCheck(tree.root).ms);
      if (gen) generator.push(runGenerator(gen, tree.root, tree.plan.users).ms);
    } else {
      if (gen) generator.push(runGenerator(gen, tree.root, tree.plan.users).ms);
      check.push(runCheck(tree.root).ms);
    }
  }
  return {
    files: tree.plan.files.length,
    users: tree.plan.users.length,
    reps,
    check: { min: min(check), median: median(check), all: check },
    generator: gen ? { min: min(generator), median: median(generator), all: generator, runsPerPass: tree.plan.users.length, failedRuns: genFirst.failed } : undefined,
    ratio: gen ? { min: min(check) / min(generator), median: median(check) / median(generator) } : undefined,
    findings: codes,
  };
}

// ---- language server ---------------------------------------------------------------------------

const PORT_LINE = /^PublishPort=127\.0\.0\.1:(\d+):(\d+)$/m;

/** Server RSS after indexing, edit → another user's diagnostics, completion and hover latency. */
async function editorLatency(size, tree) {
  const client = new BenchClient(SERVER);
  try {
    const t0 = performance.now();
    await client.initialize(tree.root);
    const indexMs = performance.now() - t0;
    const rss = client.rssMb();
    const result = { indexMs, rssMb: rss };
    const { edit } = tree.plan;
    if (!edit?.other) return { ...result, note: 'tree has no edit pair' };
    const editPath = join(tree.root, edit.rel);
    const editUri = uriOf(editPath);
    const otherUri = uriOf(join(tree.root, edit.other.rel));
    const original = readFileSync(editPath, 'utf8');
    const [, ownPort, containerPort] = PORT_LINE.exec(original);
    const textWith = (port) => original.replace(PORT_LINE, `PublishPort=127.0.0.1:${port}:${containerPort}`);
    const conflict = (list) => list.some((d) => d.code === 'port-conflict');
    await client.open(editUri, original, 1);
    // Round trip so the open is processed before timing starts.
    await client.request('textDocument/codeAction', { textDocument: { uri: editUri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
    const latencies = [];
    for (let i = 0; i < EDITS; i++) {
      const toOther = i % 2 === 0; // move onto the other user's port (conflict appears), then back (it goes)
      const arrived = client.diagnostics(otherUri, (list) => conflict(list) === toOther);
      const t = performance.now();
      await client.change(editUri, textWith(toOther ? edit.other.port : ownPort), i + 2);
      latencies.push((await arrived) - t);
    }
    result.edit = { n: latencies.length, p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), max: Math.max(...latencies) };
    result.completion = await requestLatency(client, 'completionProvider', 'textDocument/completion', editUri, original);
    result.hover = await requestLatency(client, 'hoverProvider', 'textDocument/hover', editUri, original);
    result.rssAfterEditsMb = client.rssMb();
    return result;
  } finally {
    await client.close();
  }
}

/** p50/p95 of a position request on key and value positions of the open file, if the server offers it. */
async function requestLatency(client, capability, method, uri, text) {
  if (!client.capabilities?.[capability]) return { available: false };
  const lines = text.split('\n');
  const at = (re, character) => {
    const line = lines.findIndex((l) => re.test(l));
    return { line, character: character(lines[line]) };
  };
  const positions = [
    at(/^PublishPort=/, () => 3), // on a key
    at(/^Image=/, (l) => l.length), // end of a value
    at(/^Restart=/, () => 'Restart='.length), // start of a value
    at(/^Environment=/, () => 2),
  ];
  const times = [];
  for (let i = 0; i < 200; i++) {
    const position = positions[i % positions.length];
    const t = performance.now();
    await client.request(method, { textDocument: { uri }, position });
    times.push(performance.now() - t);
  }
  return { available: true, n: times.length, p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

/** Time to open k files in an indexed server (the last request's answer marks the end). */
async function openCurve(tree, counts) {
  const candidates = tree.plan.files.filter((f) => !f.rel.endsWith('.conf'));
  const out = [];
  for (const k of counts) {
    if (candidates.length < k) continue;
    const step = Math.floor(candidates.length / k);
    const chosen = Array.from({ length: k }, (_, i) => candidates[i * step]);
    const client = new BenchClient(SERVER);
    try {
      await client.initialize(tree.root);
      const t = performance.now();
      for (const f of chosen) void client.open(uriOf(join(tree.root, f.rel)), f.text, 1);
      const last = uriOf(join(tree.root, chosen[chosen.length - 1].rel));
      await client.request('textDocument/codeAction', { textDocument: { uri: last }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
      const total = performance.now() - t;
      out.push({ files: k, ms: total, perFileMs: total / k });
    } finally {
      await client.close();
    }
  }
  return out;
}

// ---- main --------------------------------------------------------------------------------------

const BUDGETS = {
  checkRatio: 0.6,
  editP95: 50,
  requestP95: 20,
  rssMb: 300,
};

async function main() {
  if (!existsSync(SERVER)) throw new Error('dist/server.js is missing: run `npm run build` (npm run bench does)');
  const base = join(tmpdir(), 'quadlet-ls-bench');
  mkdirSync(base, { recursive: true });
  const gen = flag('skip-cli') ? undefined : findGenerator();
  if (!flag('skip-cli') && !gen) console.log("Podman's generator not found (shared/tools/fetch-quadlet): ratios are skipped.");
  const machine = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
    loadavg: loadavg().map((x) => x.toFixed(2)).join(' '),
    cpuPressure: psi(),
    generator: gen ? `${gen.path} (${gen.version})` : 'none',
    seed: SEED,
  };
  console.log(`machine: ${machine.cpus}; node ${machine.node}; load ${machine.loadavg}; cpu pressure ${machine.cpuPressure}`);
  const results = { machine, sizes: {} };
  for (const size of sizes) {
    const shape = SIZES[size];
    if (!shape) throw new Error(`no tree shape for ${size} files (known: ${Object.keys(SIZES).join(', ')})`);
    const root = join(base, String(size));
    const plan = writeTree(root, { ...shape, seed: SEED });
    const tree = { root, plan };
    const entry = {};
    results.sizes[size] = entry;
    if (!flag('skip-cli')) {
      process.stdout.write(`[${size}] cold check vs generator… `);
      entry.cold = await coldCheck(size, tree, gen);
      console.log(`check ${ms(entry.cold.check.median)} ms, generator ${ms(entry.cold.generator?.median)} ms`);
    }
    if (!flag('skip-lsp')) {
      process.stdout.write(`[${size}] language server… `);
      entry.lsp = await editorLatency(size, tree);
      console.log(`indexed in ${ms(entry.lsp.indexMs)} ms, RSS ${ms(entry.lsp.rssMb)} MB, edit p95 ${ms(entry.lsp.edit?.p95)} ms`);
    }
  }
  const largest = Math.max(...sizes);
  if (!flag('skip-lsp') && largest >= 2000) {
    process.stdout.write(`[${largest}] opening 500/1000/2000 files… `);
    results.open = await openCurve({ root: join(base, String(largest)), plan: writeTree(join(base, String(largest)), { ...SIZES[largest], seed: SEED }) }, [500, 1000, 2000]);
    console.log(results.open.map((o) => `${o.files}: ${ms(o.ms)} ms`).join(', '));
  }
  results.machine.cpuPressureAfter = psi();
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(results, null, 2) + '\n');
  console.log('\n' + table(results));
  console.log(`\nfigures: ${OUT}`);
}

function verdict(ok) {
  return ok === undefined ? '' : ok ? 'met' : 'MISSED';
}

function table(results) {
  const rows = [['measure', 'files', 'min', 'median / p50', 'p95', 'budget', 'verdict']];
  for (const [size, e] of Object.entries(results.sizes)) {
    if (e.cold) {
      rows.push(['cold `quadlet-ls check` (ms)', size, ms(e.cold.check.min), ms(e.cold.check.median), '', '', '']);
      if (e.cold.generator) {
        rows.push([`generator, ${e.cold.generator.runsPerPass} × \`-dryrun -user\` (ms)`, size, ms(e.cold.generator.min), ms(e.cold.generator.median), '', '', '']);
        const ok = Number(size) >= 10000 ? e.cold.ratio.median <= BUDGETS.checkRatio : undefined;
        rows.push(['ratio check / generator', size, e.cold.ratio.min.toFixed(2), e.cold.ratio.median.toFixed(2), '', Number(size) >= 10000 ? `≤ ${BUDGETS.checkRatio}` : '', verdict(ok)]);
      }
    }
    if (e.lsp) {
      rows.push(['server indexing (ms)', size, '', ms(e.lsp.indexMs), '', '', '']);
      rows.push(['server RSS after indexing (MB)', size, '', ms(e.lsp.rssMb), '', Number(size) >= 10000 ? `≤ ${BUDGETS.rssMb}` : '', Number(size) >= 10000 ? verdict(e.lsp.rssMb <= BUDGETS.rssMb) : '']);
      if (e.lsp.edit) rows.push([`edit → other user's diagnostics (ms, ${e.lsp.edit.n} edits)`, size, '', ms(e.lsp.edit.p50), ms(e.lsp.edit.p95), Number(size) >= 10000 ? `p95 ≤ ${BUDGETS.editP95}` : '', Number(size) >= 10000 ? verdict(e.lsp.edit.p95 <= BUDGETS.editP95) : '']);
      for (const kind of ['completion', 'hover']) {
        const r = e.lsp[kind];
        if (!r) continue;
        if (!r.available) rows.push([`${kind} (ms)`, size, '', 'not served', '', `p95 ≤ ${BUDGETS.requestP95}`, 'n/a']);
        else rows.push([`${kind} (ms)`, size, '', ms(r.p50), ms(r.p95), `p95 ≤ ${BUDGETS.requestP95}`, verdict(r.p95 <= BUDGETS.requestP95)]);
      }
    }
  }
  for (const o of results.open ?? []) rows.push([`open ${o.files} files in the editor (ms; per file)`, String(Math.max(...Object.keys(results.sizes).map(Number))), '', `${ms(o.ms)}; ${o.perFileMs.toFixed(2)}`, '', 'linear', '']);
  if (results.open?.length >= 2) {
    const [a, b] = [results.open[0], results.open[results.open.length - 1]];
    const growth = b.ms / a.ms;
    const linear = b.files / a.files;
    rows.push([`open-time growth ${a.files} → ${b.files} files`, '', '', `×${growth.toFixed(2)} (linear ×${linear}, quadratic ×${linear * linear})`, '', 'linear', verdict(growth < linear * 1.5)]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) => `| ${r.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.slice(1).map(line)].join('\n');
}

main().catch((e) => {
  console.error(e?.stack ?? e);
  process.exit(1);
});
