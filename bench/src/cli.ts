/**
 * npm run bench [-- options]: what extraction costs. Runs the same workloads against the monolith, payments
 * out over each transport and all apart over tcp; a bare-handler ceiling; a boundary micro-benchmark. Writes
 * bench/results/<date>-<host>.{md,json,svg} and prints the table. See README.md, "What extraction costs".
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gatherVersions, machine } from './environment';
import { BenchReport, CeilingResult, MicroSection, TopologyResult, WorkloadSummary } from './model';
import type { MicroConfig, MicroResult } from './micro-worker';
import { freePort, JsonClient, reachable, signToken } from './net';
import { backendPids, createScratchDatabase, databaseName, dropScratchDatabase, redactUrl, serverVersion } from './pg-admin';
import { Options, parseOptions, ROOT } from './options';
import { machineBusySeconds, peakRssMb, pidsByCommand } from './proc';
import { cleanEnv, spawnNode, waitUntilReady } from './processes';
import { chart, consoleSummary, markdown, mainTable } from './report';
import { seedCustomers } from './seed';
import { median, medianOf, sleep } from './stats';
import { BROKER_PORTS, RunningTopology, TOPOLOGIES, TopologySpec, TransportName } from './topology';
import { evaluateTargets } from './targets';
import { OverloadResult, runOverload } from './overload';
import { deposits, idleEventPath, MeterTargets, mix, overview, saga, WorkloadRun } from './workloads';
import { measureAccountScale } from './account-scale';

const BENCH_DIST = __dirname;

const JWT_SECRET = `bench-${randomUUID()}-${randomUUID()}`;
const AUTH = { authorization: `Bearer ${signToken(JWT_SECRET)}` };

function log(message: string): void {
  const t = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
  console.log(`[bench ${t}s] ${message}`);
}
const started = Date.now();

// -------------------------------------------------------------------------------------- measurement

function summarizeRuns(runs: WorkloadRun[]): WorkloadSummary {
  const pick = (f: (r: WorkloadRun) => number) => median(runs.map(f));
  const withEvents = runs.filter((r) => r.eventPath && r.eventPath.count > 0);
  return {
    repetitions: runs.length,
    perSecond: pick((r) => r.perSecond),
    p50: pick((r) => r.latency.p50),
    p95: pick((r) => r.latency.p95),
    p99: pick((r) => r.latency.p99),
    cpuPer1k: pick((r) => r.cpuPer1k),
    externalCpuPer1k: pick((r) => r.externalCpuPer1k),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    otherLoadCores: Math.max(...runs.map((r) => r.otherLoadCores)),
    operations: runs.reduce((sum, r) => sum + r.operations, 0),
    ...(withEvents.length
      ? {
          eventPath: {
            p50: median(withEvents.map((r) => r.eventPath!.p50)),
            p95: median(withEvents.map((r) => r.eventPath!.p95)),
            p99: median(withEvents.map((r) => r.eventPath!.p99)),
            count: withEvents.reduce((sum, r) => sum + r.eventPath!.count, 0),
          },
        }
      : {}),
    runs,
  };
}

/** Cores busy over one second while the measured servers idle: other people's work on a shared machine. */
async function backgroundLoad(): Promise<number> {
  const before = machineBusySeconds();
  const self = process.cpuUsage();
  await sleep(1000);
  const mine = process.cpuUsage(self);
  return Math.max(0, machineBusySeconds() - before - (mine.user + mine.system) / 1e6);
}

let quietWaited = 0;
async function waitForQuiet(options: Options, what: string): Promise<void> {
  const deadline = Date.now() + Math.min(options.quietWaitSeconds, Math.max(0, 300 - quietWaited)) * 1000;
  if (deadline <= Date.now()) return;
  let load = await backgroundLoad();
  if (load < 0.3) return;
  log(`  the machine is busy with other work (${load.toFixed(2)} cores) before ${what}: waiting up to ${options.quietWaitSeconds} s for it to stop`);
  const from = Date.now();
  while (load >= 0.3 && Date.now() < deadline) {
    await sleep(2000);
    load = await backgroundLoad();
  }
  quietWaited += (Date.now() - from) / 1000;
  log(`  ${load < 0.3 ? 'quiet again' : `still busy (${load.toFixed(2)} cores): measuring anyway, and saying so`} after ${((Date.now() - from) / 1000).toFixed(0)} s`);
}

async function repeat(options: Options, name: string, run: (seconds: number) => Promise<WorkloadRun>): Promise<WorkloadSummary> {
  await waitForQuiet(options, name);
  if (options.warmupSeconds > 0) await run(options.warmupSeconds);
  const runs: WorkloadRun[] = [];
  for (let i = 0; i < options.repetitions; i++) {
    const r = await run(options.durationSeconds);
    runs.push(r);
    log(
      `  ${name} run ${i + 1}/${options.repetitions}: ${r.perSecond.toFixed(0)}/s, p50 ${r.latency.p50.toFixed(2)} ms, p99 ${r.latency.p99.toFixed(2)} ms, CPU ${r.cpuPer1k.toFixed(3)} s/1k` +
        `${r.eventPath ? `, placed→confirmed p50 ${r.eventPath.p50} ms` : ''}${r.errors ? `, ${r.errors} errors` : ''}${r.otherLoadCores >= 0.25 ? `, OTHER LOAD ${r.otherLoadCores.toFixed(2)} cores` : ''}`,
    );
    if (r.operations === 0) throw new Error(`${name}: no request succeeded`);
  }
  return summarizeRuns(runs);
}

/** The servers outside the topology that do part of its work: the broker, the PostgreSQL backends. */
function externalMeter(transport: TransportName, databaseUrl: string | undefined, pgAdminUrl: string): { label: string; pids: () => Promise<number[]> } {
  const names: string[] = [];
  const labels: string[] = [];
  if (transport === 'nats') names.push('nats-server');
  if (transport === 'rabbitmq') names.push('beam.smp');
  if (transport === 'redis') names.push('redis-server');
  if (names.length) labels.push(names[0]);
  if (databaseUrl) labels.push('postgres backends');
  return {
    label: labels.join(' + ') || 'none',
    pids: async () => [...pidsByCommand(names), ...(databaseUrl ? await backendPids(pgAdminUrl, databaseName(databaseUrl)).catch(() => []) : [])],
  };
}

async function withScratchDatabase<T>(serverUrl: string | undefined, tag: string, work: (url: string | undefined) => Promise<T>): Promise<T> {
  if (!serverUrl) return work(undefined);
  const name = `bench_${tag.replace(/[^a-z0-9]/gi, '_')}_${randomUUID().slice(0, 8)}`.toLowerCase();
  const url = await createScratchDatabase(serverUrl, name);
  try {
    return await work(url);
  } finally {
    await dropScratchDatabase(serverUrl, name).catch((error: Error) => log(`could not drop scratch database ${name}: ${error.message}`));
  }
}

async function runTopology(spec: TopologySpec, options: Options, workRoot: string): Promise<TopologyResult> {
  const base: TopologyResult = { id: spec.id, label: spec.label, transport: spec.transport, processes: [], peakMemoryMb: NaN, externalCpu: 'none', workloads: {} };
  if (spec.transport !== 'tcp' && !(await reachable('127.0.0.1', BROKER_PORTS[spec.transport]))) {
    return { ...base, skipped: `no ${spec.transport} broker on 127.0.0.1:${BROKER_PORTS[spec.transport]}` };
  }
  log(`${spec.label}: starting ${spec.processes.length} process(es)`);
  return withScratchDatabase(options.databaseUrl, spec.id, async (databaseUrl) => {
    const workDir = join(workRoot, spec.id);
    mkdirSync(workDir, { recursive: true });
    const topology = await RunningTopology.start(spec, { appMain: join(options.distDir, 'main.js'), workDir, jwtSecret: JWT_SECRET, logLevel: options.logLevel, databaseUrl, extraEnv: { SAGA: options.saga } });
    const client = new JsonClient(topology.url, AUTH);
    const external = externalMeter(spec.transport, databaseUrl, options.databaseUrl ?? options.pgUrl);
    const meter: MeterTargets = { pids: topology.pids, external: external.pids };
    const result: TopologyResult = { ...base, externalCpu: external.label };
    try {
      log(`${spec.label}: seeding ${options.seedCustomers} customers × ${options.seedOrders} orders, three times (overview, mix, saga)`);
      const reads = await seedCustomers(client, options.seedCustomers, options.seedOrders, 'read');
      const mixed = await seedCustomers(client, options.seedCustomers, options.seedOrders, 'mix');
      const sagas = await seedCustomers(client, options.seedCustomers, 0, 'saga');
      const ids = (list: Array<{ id: string }>) => list.map((c) => c.id);

      const w = options.workloads;
      if (w.has('overview')) result.workloads.overview = await repeat(options, 'overview', (s) => overview(topology.url, AUTH, ids(reads), options.connections, s, meter));
      if (w.has('mix')) {
        result.workloads.mix = await repeat(options, 'mix', (s) => mix(topology.url, AUTH, client, ids(mixed), mixed.flatMap((c) => c.orderIds), options.connections, s, meter));
      }
      if (w.has('saga')) {
        result.workloads.saga = await repeat(options, 'saga', (s) => saga(client, ids(sagas), { concurrency: options.sagaConcurrency, seconds: s, pollMs: options.pollMs }, meter));
      }
      if (w.has('idle')) {
        await sleep(500);
        result.idle = await idleEventPath(client, sagas[0].id, options.idleOrders);
        log(`  one order at a time: placed→confirmed p50 ${result.idle.eventPath.p50} ms, end to end p50 ${result.idle.endToEnd.p50.toFixed(1)} ms`);
      }
    } catch (error) {
      result.failed = (error as Error).message;
      log(`${spec.label}: FAILED: ${result.failed}`);
      for (const p of topology.processes) log(`  ${p.modules.join('+')} log (${p.proc.logFile}):\n${p.proc.tail(8)}`);
    } finally {
      const peaks = topology.peakMemory();
      result.processes = topology.processes.map((p, i) => ({ modules: p.modules, peakRssMb: peaks[i] }));
      result.peakMemoryMb = peaks.reduce((a, b) => a + b, 0);
      client.close();
      await topology.stop();
    }
    log(`${spec.label}: done, peak memory ${result.peakMemoryMb.toFixed(0)} MiB`);
    return result;
  });
}

/** Writers on one account at once in the deposits workload (#15: at least 200 deposits a second at 8). */
const DEPOSITORS = 8;

async function startBare(script: string, databaseUrl: string, logFile: string): Promise<{ url: string; proc: ReturnType<typeof spawnNode> }> {
  const port = await freePort();
  const proc = spawnNode(join(BENCH_DIST, script), [], cleanEnv({ DATABASE_URL: databaseUrl, PORT: String(port) }), logFile);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(`${url}/health/ready`, proc);
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return { url, proc };
}

async function runCeiling(options: Options, workRoot: string): Promise<CeilingResult> {
  const url = new URL(options.pgUrl);
  if (!(await reachable(url.hostname, Number(url.port || 5432)))) return { database: redactUrl(options.pgUrl), skipped: `no PostgreSQL at ${url.host}` };
  let version = '?';
  try {
    version = await serverVersion(options.pgUrl);
  } catch (error) {
    return { database: redactUrl(options.pgUrl), skipped: `PostgreSQL at ${url.host} refused: ${(error as Error).message}` };
  }
  const result: CeilingResult = { database: `PostgreSQL ${version} at ${url.host}, a scratch database, for both` };
  try {
    await withScratchDatabase(options.pgUrl, 'ceiling', async (databaseUrl) => {
      const dbName = databaseName(databaseUrl!);
      const external = async () => backendPids(options.pgUrl, dbName).catch(() => []);
      // 1. The app (monolith) migrates and seeds the database over its own API, and is measured.
      log('ceiling: the monolith on PostgreSQL');
      const workDir = join(workRoot, 'ceiling');
      mkdirSync(workDir, { recursive: true });
      const monolith = await RunningTopology.start(TOPOLOGIES[0], { appMain: join(options.distDir, 'main.js'), workDir, jwtSecret: JWT_SECRET, logLevel: options.logLevel, databaseUrl, extraEnv: { SAGA: options.saga } });
      const client = new JsonClient(monolith.url, AUTH);
      const meter = { pids: monolith.pids, external };
      const w = options.workloads;
      let customers: string[];
      let sagaCustomers: string[] = [];
      try {
        customers = (await seedCustomers(client, options.seedCustomers, options.seedOrders, 'ceiling')).map((c) => c.id);
        if (w.has('saga')) sagaCustomers = (await seedCustomers(client, options.seedCustomers, 0, 'ceiling-saga')).map((c) => c.id);
        if (w.has('overview')) result.monolith = await repeat(options, 'monolith overview (PostgreSQL)', (s) => overview(monolith.url, AUTH, customers, options.connections, s, meter));
        if (w.has('saga')) result.monolithSaga = await repeat(options, 'monolith saga (PostgreSQL)', (s) => saga(client, sagaCustomers, { concurrency: options.sagaConcurrency, seconds: s, pollMs: options.pollMs }, meter));
        if (w.has('idle')) {
          await sleep(500);
          // A customer of its own: the overview's customers keep the number of orders they were seeded with.
          const [idleCustomer] = await seedCustomers(client, 1, 0, 'ceiling-idle', 1);
          result.monolithIdle = await idleEventPath(client, idleCustomer.id, options.idleOrders);
          log(`  monolith on PostgreSQL, one order at a time: placed→confirmed p50 ${result.monolithIdle.eventPath.p50} ms`);
        }
        if (w.has('account')) {
          log(`ceiling: an account with ${options.accountEvents} events against a fresh one`);
          result.accountScale = await measureAccountScale(client, databaseUrl!, options.accountEvents, options.accountSamples);
          const a = result.accountScale;
          log(`  capture p50 ${a.capture.long.p50} vs ${a.capture.fresh.p50} ms; balance read p50 ${a.balanceRead.long.p50.toFixed(2)} vs ${a.balanceRead.fresh.p50.toFixed(2)} ms`);
          const target = (await seedCustomers(client, 1, 0, 'deposits', 1))[0].id;
          result.deposits = await repeat(options, `deposits, ${DEPOSITORS} writers on one account`, (s) => deposits(monolith.url, AUTH, target, DEPOSITORS, s, meter));
        }
      } finally {
        result.monolithPeakMemoryMb = monolith.peakMemory()[0];
        client.close();
        await monolith.stop();
      }
      // 2. The bare handler reads the same rows with the same statements.
      if (w.has('overview')) {
        log('ceiling: the bare node:http + pg handler on the same database');
        const bare = await startBare('baseline-server.js', databaseUrl!, join(workDir, 'baseline.log'));
        try {
          const check = await new JsonClient(bare.url, {}).request<{ customer?: { id: string }; orders?: unknown[] }>('GET', `/api/v1/customers/${customers[0]}/overview`);
          if (check.status !== 200 || check.body.orders?.length !== Math.min(options.seedOrders, 20)) throw new Error(`the bare handler answered ${check.status}: ${JSON.stringify(check.body).slice(0, 200)}`);
          const summary = await repeat(options, 'bare handler overview (PostgreSQL)', (s) => overview(bare.url, AUTH, customers, options.connections, s, { pids: [bare.proc.pid], external }));
          result.baseline = { ...summary, peakMemoryMb: peakRssMb(bare.proc.pid) ?? NaN };
        } finally {
          await bare.proc.stop();
        }
      }
      // 3. The bare saga: the same transactions for place → capture → confirm, on the saga's customers.
      if (w.has('saga')) {
        log('ceiling: the bare node:http + pg saga on the same database');
        const bare = await startBare('saga-baseline-server.js', databaseUrl!, join(workDir, 'saga-baseline.log'));
        const bareClient = new JsonClient(bare.url, {});
        try {
          result.baselineSaga = await repeat(options, 'bare saga (PostgreSQL)', (s) => saga(bareClient, sagaCustomers, { concurrency: options.sagaConcurrency, seconds: s, pollMs: options.pollMs }, { pids: [bare.proc.pid], external }));
        } finally {
          bareClient.close();
          await bare.proc.stop();
        }
      }
    });
  } catch (error) {
    result.failed = (error as Error).message;
    log(`ceiling: FAILED: ${result.failed}`);
  }
  return result;
}

async function runMicro(options: Options, workRoot: string): Promise<MicroSection> {
  const section: MicroSection = { database: options.databaseUrl ? `PostgreSQL at ${new URL(options.databaseUrl).host}` : 'embedded PGlite', runs: [] };
  const transports: TransportName[] = options.quick ? ['tcp'] : ['tcp', 'nats', 'rabbitmq', 'redis'];
  const modes: Array<'in-process' | TransportName> = ['in-process', ...transports];
  for (const mode of modes) {
    const label = mode === 'in-process' ? 'in process' : `over ${mode}`;
    if (mode !== 'in-process' && mode !== 'tcp' && !(await reachable('127.0.0.1', BROKER_PORTS[mode]))) {
      section.runs.push({ mode: 'transport', transport: mode, variants: {}, skipped: `no ${mode} broker` });
      continue;
    }
    log(`micro-benchmark: ${label}`);
    try {
      const result = await withScratchDatabase(options.databaseUrl, `micro_${mode}`, async (databaseUrl) => {
        const workDir = join(workRoot, `micro-${mode}`);
        mkdirSync(workDir, { recursive: true });
        const shared: Record<string, string> = {
          DATA_DIR: join(workDir, 'data'),
          LOG_LEVEL: 'silent',
          NODE_ENV: 'production',
          JWT_SECRET,
          TRANSPORT: mode === 'in-process' ? 'tcp' : mode,
          TRANSPORT_NAMESPACE: `bench-${randomUUID().slice(0, 8)}`,
          CUSTOMERS_TCP: `127.0.0.1:${await freePort()}`,
          ORDERS_TCP: `127.0.0.1:${await freePort()}`,
          PAYMENTS_TCP: `127.0.0.1:${await freePort()}`,
          ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
        };
        const peerPort = await freePort();
        const config: MicroConfig = {
          distDir: options.distDir,
          mode: mode === 'in-process' ? 'in-process' : 'transport',
          env: { ...shared, MODULES: mode === 'in-process' ? 'customers,orders,payments' : 'orders', HTTP_PORT: String(await freePort()) },
          peer: mode === 'in-process' ? undefined : { env: { ...shared, MODULES: 'customers,payments', HTTP_PORT: String(peerPort) }, readyUrl: `http://127.0.0.1:${peerPort}/health/live`, logFile: join(workDir, 'peer.log') },
          warmupCalls: options.microWarmup,
          rounds: options.microRounds,
          callsPerRound: options.microCalls,
        };
        const configFile = join(workDir, 'config.json');
        const resultFile = join(workDir, 'result.json');
        writeFileSync(configFile, JSON.stringify(config));
        const proc = spawnNode(join(BENCH_DIST, 'micro-worker.js'), [configFile, resultFile], cleanEnv({ LOG_LEVEL: 'silent' }), join(workDir, 'worker.log'));
        const timer = setTimeout(() => proc.child.kill('SIGKILL'), 180_000);
        const code = await proc.exited;
        clearTimeout(timer);
        if (code !== 0 || !existsSync(resultFile)) throw new Error(`micro worker exited ${code}:\n${proc.tail()}`);
        return JSON.parse(readFileSync(resultFile, 'utf8')) as MicroResult;
      });
      for (const [name, v] of Object.entries(result.variants)) log(`  ${label} ${name}: p50 ${v.p50Us.toFixed(0)} µs, p99 ${v.p99Us.toFixed(0)} µs`);
      section.runs.push(result);
    } catch (error) {
      log(`micro-benchmark ${label}: FAILED: ${(error as Error).message}`);
      section.runs.push({ mode: mode === 'in-process' ? 'in-process' : 'transport', transport: mode === 'in-process' ? undefined : mode, variants: {}, failed: (error as Error).message });
    }
  }
  return section;
}

function notes(options: Options): string[] {
  return [
    'Every process is `node dist/main.js` with its own environment (MODULES, TRANSPORT, free ports for HTTP_PORT and *_TCP, a fresh DATA_DIR, a unique TRANSPORT_NAMESPACE, NODE_ENV=production, ' +
      `LOG_LEVEL=${options.logLevel}, SAGA=${options.saga}, a JWT_SECRET and an admin token), ready when GET /health/ready answers 200. The load goes to the first process, the one hosting customers.`,
    `Load is generated on the same 2-core machine, from the bench process (autocannon for the overview and the mix, ${options.connections} connections; a closed-loop node:http client for the saga, ${options.sagaConcurrency} orders in flight, each read at growing intervals from ${options.pollMs} ms until CONFIRMED). The load generator's CPU is not counted; it competes with the servers for the cores, the same for every topology.`,
    'Each module\'s data is seeded over the API before measuring (customers with a deposit and orders, all CONFIRMED and visible in the overview); the overview, the mix and the saga each use their own customers so that one workload\'s writes do not change what another reads.',
    'Requests per second and p50/p95/p99 are exact over every response of a run (2xx only; errors are counted apart); each figure is the median of the runs. For the saga, an operation is an order placed and seen CONFIRMED; its latency is end to end, from the moment the bench sends the POST to the order\'s updatedAt (set by the orders module when it confirms; one machine, one clock, 1 ms resolution), so it does not depend on how often the bench reads the order; "placed → confirmed" is the order\'s updatedAt − createdAt, both set by the server.',
    'CPU is utime + stime from /proc/<pid>/stat (all threads) over each measured run, summed over the topology\'s processes, per 1,000 operations. The embedded database (PGlite, WebAssembly) runs inside the process that hosts the module, so its CPU and memory are in these figures; a broker\'s or a PostgreSQL server\'s are not, and are shown apart ("outside"): the broker process (nats-server, beam.smp, redis-server, shared with anything else on the machine) and the PostgreSQL backends connected to the run\'s scratch database.',
    'The machine may be shared (other people\'s builds and tests): each run records how many cores anything else kept busy (the machine\'s busy time from /proc/stat, less the measured processes, the outside servers and the bench itself), shown as "other load"; before each workload the bench waits (up to --quiet-wait seconds) for the machine to be quiet. Throughput and latency suffer from other load; CPU per request much less.',
    `LOG_LEVEL=${options.logLevel}: request logging (pino-http logs each request at info) is off, as it would be in a high-traffic deployment; at info every request also costs a JSON log line to stdout.`,
    'Peak memory is VmHWM from /proc/<pid>/status at the end of the topology\'s run (seeding included), summed over its processes.',
    'The ceiling: the monolith on a real PostgreSQL (a scratch database it migrates and seeds), then a bare node:http + pg handler (bench/src/baseline-server.ts) on the same database and rows, sending the same six statements the app sends for the overview (captured from the app\'s driver) with the same concurrency and three pools of 10 connections like the app\'s three data sources. The bare handler checks no token and logs nothing: it is the database work alone.',
    'The saga\'s ceiling: on the same database, after the monolith, a bare node:http + pg program (bench/src/saga-baseline-server.ts) doing the shop\'s transactions for place → capture → confirm on the shop\'s tables (order, outbox and inbox rows, the account\'s event and balance, the payment, the order list) with the fewest statements, each message handed on in process once its transaction commits; the same saga workload drives it, on the same customers. See docs/performance.md.',
    `The account: one customer's account is given ${options.accountEvents.toLocaleString('en')} deposit events in SQL (and the balance row that sums them), then a capture (an order placed and confirmed, one at a time) and a balance read (GET /accounts/{id}) are timed on it and on a fresh account, interleaved, ${options.accountSamples} of each; then 8 connections POST deposits to one account.`,
    'The micro-benchmark imports the compiled app into a process of its own and calls CustomersPort.get(id) one call at a time, interleaved in rounds: in process against GetCustomerHandler.execute and CustomersRepository.findActive (the same database read without the boundary), and over each transport from a process hosting orders only to a `node dist/main.js` hosting customers and payments (with the bare ping round trip).',
  ];
}

function updateReadme(report: BenchReport, files: { md: string; svg: string }): boolean {
  const readme = join(ROOT, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const start = '<!-- bench:table:start -->';
  const end = '<!-- bench:table:end -->';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) {
    log(`README.md has no ${start} … ${end} block: not updated`);
    return false;
  }
  const m = report.machine;
  const block = [
    start,
    `Measured ${report.startedAt.slice(0, 10)} on \`${m.host}\`: ${m.cpus}× ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}, Node.js ${m.node}; ${report.database}; ` +
      `medians of ${report.settings.repetitions} × ${report.settings.durationSeconds} s runs (full results: [${relative(ROOT, files.md)}](${relative(ROOT, files.md)})).`,
    '',
    mainTable(report),
    '',
    `![What extraction costs](${relative(ROOT, files.svg)})`,
    '',
    ...report.targets.map((t) => `- ${t.holds === undefined ? '–' : t.holds ? '✔' : '✘'} ${t.target}: ${t.measured} (${t.margin}).`),
    end,
  ].join('\n');
  writeFileSync(readme, text.slice(0, from) + block + text.slice(to + end.length));
  return true;
}

/** Issue #15's scenario: twice the sustainable rate, the backlog bound off then on (see overload.ts). */
async function runOverloadScenario(options: Options, workRoot: string): Promise<OverloadResult> {
  const spec = TOPOLOGIES.find((t) => t.id === options.overloadTopology)!;
  const base: OverloadResult = { topology: spec.label, seconds: options.overloadSeconds, sustainablePerSecond: NaN, runs: [] };
  if (spec.transport !== 'tcp' && !(await reachable('127.0.0.1', BROKER_PORTS[spec.transport]))) return { ...base, failed: `no ${spec.transport} broker on 127.0.0.1:${BROKER_PORTS[spec.transport]}` };
  log(`overload: ${spec.label}, ${options.overloadSeconds} s at twice the sustainable rate, the backlog bound off, then BACKLOG_MAX_AGE_MS=${options.overloadBoundMs}`);
  await waitForQuiet(options, 'overload');
  return withScratchDatabase(options.databaseUrl, 'overload', (databaseUrl) =>
    runOverload({
      spec,
      seconds: options.overloadSeconds,
      boundMs: options.overloadBoundMs,
      start: (extraEnv, workDir) =>
        RunningTopology.start(spec, { appMain: join(options.distDir, 'main.js'), workDir, jwtSecret: JWT_SECRET, logLevel: options.logLevel, databaseUrl, extraEnv: { SAGA: options.saga, ...extraEnv } }),
      client: (url) => new JsonClient(url, AUTH, 256),
      workRoot,
      log,
    }),
  ).catch((error: Error): OverloadResult => ({ ...base, failed: error.message }));
}

// --------------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!existsSync(join(options.distDir, 'main.js'))) throw new Error(`${options.distDir}/main.js is missing: run npm run build`);
  const workRoot = mkdtempSync(join(tmpdir(), 'shop-bench-'));
  const startedAt = new Date();
  log(`${options.quick ? 'quick' : 'full'} run; work folder ${workRoot}`);
  const report: BenchReport = {
    schema: 1,
    mode: options.quick ? 'quick' : 'full',
    label: options.label,
    startedAt: startedAt.toISOString(),
    finishedAt: '',
    wallSeconds: 0,
    machine: machine(),
    versions: await gatherVersions(options),
    settings: {
      warmupSeconds: options.warmupSeconds,
      durationSeconds: options.durationSeconds,
      repetitions: options.repetitions,
      connections: options.connections,
      sagaConcurrency: options.sagaConcurrency,
      pollMs: options.pollMs,
      seedCustomers: options.seedCustomers,
      seedOrders: options.seedOrders,
      idleOrders: options.idleOrders,
      logLevel: options.logLevel,
      microCallsPerVariant: options.microRounds * options.microCalls,
      microWarmupCalls: options.microWarmup,
      quietWaitSeconds: options.quietWaitSeconds,
      workloads: [...options.workloads].join(','),
      saga: options.saga,
      overloadTopology: options.overloadTopology,
      overloadSeconds: options.overloadSeconds,
      overloadBoundMs: options.overloadBoundMs,
    },
    database: options.databaseUrl ? `PostgreSQL at ${new URL(options.databaseUrl).host} (--database-url; a scratch database per run)` : 'embedded PGlite per module (the default, as npm start)',
    topologies: [],
    targets: [],
    notes: notes(options),
  };

  let failures = 0;
  try {
    if (options.only.has('micro')) {
      report.micro = await runMicro(options, workRoot);
      failures += report.micro.runs.filter((r) => r.failed).length;
    }
    if (options.only.has('ceiling')) {
      report.ceiling = await runCeiling(options, workRoot);
      if (report.ceiling.failed) failures++;
    }
    if (options.only.has('overload')) {
      report.overload = await runOverloadScenario(options, workRoot);
      if (report.overload.failed) failures++;
    }
    if (options.only.has('topologies')) {
      for (const id of options.topologies) {
        const result = await runTopology(TOPOLOGIES.find((t) => t.id === id)!, options, workRoot).catch(
          (error: Error): TopologyResult => ({ id, label: id, transport: '?', processes: [], peakMemoryMb: NaN, externalCpu: 'none', workloads: {}, failed: error.message }),
        );
        if (result.failed) failures++;
        report.topologies.push(result);
      }
    }
  } finally {
    report.finishedAt = new Date().toISOString();
    report.wallSeconds = (Date.now() - startedAt.getTime()) / 1000;
    report.settings.waitedForQuietSeconds = Math.round(quietWaited);
    report.targets = evaluateTargets(report);
    const date = startedAt.toISOString().slice(0, 10);
    const base = `${date}-${report.machine.host}${options.quick ? '-quick' : ''}${options.label ? `-${options.label}` : ''}`;
    mkdirSync(options.outDir, { recursive: true });
    const files = { md: join(options.outDir, `${base}.md`), json: join(options.outDir, `${base}.json`), svg: join(options.outDir, `${base}.svg`) };
    writeFileSync(files.svg, chart(report));
    writeFileSync(files.md, markdown(report, `${base}.svg`));
    writeFileSync(files.json, JSON.stringify(report, null, 2));
    console.log(consoleSummary(report));
    log(`wrote ${relative(process.cwd(), files.md)}, .json and .svg`);
    if (options.readme && updateReadme(report, files)) log('updated the table in README.md');
    rmSync(workRoot, { recursive: true, force: true });
  }
  if (failures > 0) {
    console.error(`bench: ${failures} part(s) failed (see above)`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${(error as Error).stack ?? error}`);
  process.exit(1);
});

void medianOf;
