import { INestApplication } from '@nestjs/common';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { createApp } from '../../src/app/create-app';
import { loadConfig } from '../../src/app/load-app-config';
import { freePort } from './free-port';
import { bearer, E2E_JWT_SECRET, tokenFor } from './tokens';
import { Topology } from './topologies';

/** A shop started for a test: one app per process of the topology, each serving the whole HTTP API. */
export interface RunningShop {
  topology: Topology;
  /** The base URL of each process, in the topology's order. */
  urls: string[];
  /** The environment each process was started with, in the topology's order (to restart one, say). */
  envs: Array<Record<string, string>>;
  /** Headers that carry an admin token accepted by every process of this shop. */
  adminHeaders: Record<string, string>;
  /** Stops one process (the others keep running), as a crash or a deploy would. */
  stopProcess(index: number): Promise<void>;
  /** Starts a stopped process again with the same environment and data. */
  startProcess(index: number): Promise<void>;
  /**
   * Sends `signal` to a spawned process (E2E_PROCESSES=spawn) and waits for it to exit, as a crash (SIGKILL)
   * or an orchestrator (SIGTERM) would end it; `restart` starts it again with the same environment and DATA_DIR.
   */
  kill(index: number, signal?: NodeJS.Signals): Promise<ProcessExit>;
  restart(index: number): Promise<void>;
  stop(): Promise<void>;
}

type Env = Record<string, string | undefined>;

/** How a killed process ended, and how long it took after the signal. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  afterMs: number;
}

/** Runs a process of the shop; `stop` ends it the way an orchestrator would. */
interface ShopProcess {
  stop(): Promise<void>;
  /** Only spawned processes can be sent a signal. */
  kill?(signal: NodeJS.Signals): Promise<ProcessExit>;
}

export interface ShopOptions {
  /** Receives every log line of every process (JSON, as pino writes it), e.g. to check what a log carries. */
  onLogLine?: (line: string) => void;
  /**
   * Starts every process at once, as an orchestrator starts replicas (and so that six spawned processes start
   * in the time of one or two on a busy machine), instead of one after the other.
   */
  startTogether?: boolean;
}

/**
 * Starts every process of a topology on free ports, with an embedded database in a fresh folder (or the
 * server in DATABASE_URL) and the transport in TRANSPORT (tcp by default). By default the processes are
 * Nest apps inside this test process; with E2E_PROCESSES=spawn each is a real `node dist/main.js`
 * (run `npm run build` first), as in production. The processes a topology runs `fromPreviousRelease` are
 * always real processes, of the build in E2E_OLD_BUILD.
 */
export async function startShop(topology: Topology, env: Env = process.env, options: ShopOptions = {}): Promise<RunningShop> {
  // Ports are chosen free, but another program may bind one before the shop does: then start over on others.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startShopOnce(topology, env, options);
    } catch (error) {
      const taken = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' || /EADDRINUSE/.test((error as Error).message);
      if (!taken || attempt === 3) throw error;
    }
  }
}

async function startShopOnce(topology: Topology, env: Env, options: ShopOptions): Promise<RunningShop> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shop-e2e-'));
  const shared: Record<string, string> = {
    CUSTOMERS_TCP: `127.0.0.1:${await freePort()}`,
    ORDERS_TCP: `127.0.0.1:${await freePort()}`,
    PAYMENTS_TCP: `127.0.0.1:${await freePort()}`,
    // Each shop gets its own subjects and queues, so that runs sharing a broker never see each other.
    TRANSPORT_NAMESPACE: `e2e-${randomUUID().slice(0, 8)}`,
    DATA_DIR: dataDir,
    LOG_LEVEL: env.LOG_LEVEL ?? 'silent',
    OUTBOX_SWEEP_MS: '200',
    JWT_SECRET: env.JWT_SECRET || E2E_JWT_SECRET,
  };
  const start = (index: number, processEnv: Record<string, string>, port: number) => {
    if (topology.fromPreviousRelease?.includes(index)) return spawnProcess(processEnv, port, options.onLogLine, previousReleaseBuild(env));
    return env.E2E_PROCESSES === 'spawn' ? spawnProcess(processEnv, port, options.onLogLine) : startInProcess(processEnv, port, options.onLogLine);
  };
  const processes: ShopProcess[] = [];
  const urls: string[] = [];
  const envs: Array<Record<string, string>> = [];
  try {
    for (const [index, modules] of topology.processes.entries()) {
      const port = await freePort();
      const processEnv = { ...definedOnly(env), ...shared, MODULES: modules.join(','), HTTP_PORT: String(port) };
      // Started one after the other unless asked otherwise: each port is then bound before the next is drawn.
      if (!options.startTogether) processes.push(await start(index, processEnv, port));
      urls.push(`http://127.0.0.1:${port}`);
      envs.push(processEnv);
    }
    if (options.startTogether) {
      const started = await Promise.allSettled(envs.map((processEnv, index) => start(index, processEnv, Number(processEnv.HTTP_PORT))));
      for (const outcome of started) if (outcome.status === 'fulfilled') processes.push(outcome.value);
      const failed = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      if (failed) throw failed.reason;
    }
  } catch (error) {
    await Promise.allSettled(processes.map((p) => p.stop()));
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const running: Array<ShopProcess | undefined> = processes;
  return {
    topology,
    urls,
    envs,
    adminHeaders: bearer(tokenFor('e2e-admin', 'admin', shared.JWT_SECRET)),
    async stopProcess(index) {
      await running[index]?.stop();
      running[index] = undefined;
    },
    async startProcess(index) {
      if (running[index]) throw new Error(`process ${index} is already running`);
      running[index] = await start(index, envs[index], Number(envs[index].HTTP_PORT));
    },
    async kill(index, signal = 'SIGKILL') {
      const target = running[index];
      if (!target) throw new Error(`process ${index} is not running`);
      if (!target.kill) throw new Error('kill() needs real processes: start the shop with E2E_PROCESSES=spawn');
      const exit = await target.kill(signal);
      running[index] = undefined;
      return exit;
    },
    async restart(index) {
      if (running[index]) throw new Error(`process ${index} is already running`);
      running[index] = await start(index, envs[index], Number(envs[index].HTTP_PORT));
    },
    async stop() {
      for (const p of [...running].reverse()) await p?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function startInProcess(env: Record<string, string>, port: number, onLogLine?: (line: string) => void): Promise<ShopProcess> {
  const app: INestApplication = await createApp(loadConfig(env), onLogLine ? { logStream: lineStream(onLogLine) } : {});
  try {
    await app.listen(port, '127.0.0.1');
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  return { stop: () => app.close() };
}

/** A built shop to run processes from: a folder with `dist/main.js` (and its node_modules) in it. */
export interface Build {
  dir: string;
  /** What to do when `dist/main.js` is missing from it. */
  missing: string;
}

/** The checkout's own build. */
export const CURRENT_BUILD: Build = { dir: resolve(__dirname, '../..'), missing: 'run `npm run build` before E2E_PROCESSES=spawn' };

/** The previous release's build, in the folder E2E_OLD_BUILD names (`npm run test:upgrade` prepares it). */
export function previousReleaseBuild(env: Env = process.env): Build {
  if (!env.E2E_OLD_BUILD) throw new Error('this topology runs processes of the previous release: set E2E_OLD_BUILD to its build folder, or run `npm run test:upgrade`, which prepares it');
  return { dir: resolve(env.E2E_OLD_BUILD), missing: 'E2E_OLD_BUILD must name a built checkout (`npm run build` in it)' };
}

/** Starts `node dist/main.js` of a build (the checkout's by default) in that build's folder, and waits until it reports ready. */
export async function spawnProcess(env: Record<string, string>, port: number, onLogLine?: (line: string) => void, build: Build = CURRENT_BUILD): Promise<ShopProcess> {
  const main = join(build.dir, 'dist/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: ${build.missing}`);
  const child = spawn(process.execPath, [main], { cwd: build.dir, env, stdio: ['ignore', onLogLine ? 'pipe' : 'inherit', 'inherit'] });
  if (onLogLine && child.stdout) createInterface({ input: child.stdout }).on('line', onLogLine);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  await waitUntilReady(`http://127.0.0.1:${port}`, child, exited);
  return { stop: () => terminate(child, exited), kill: (signal) => signalAndWait(child, exited, signal) };
}

async function signalAndWait(child: ChildProcess, exited: Promise<number | null>, signal: NodeJS.Signals): Promise<ProcessExit> {
  const sentAt = Date.now();
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  // A process that ignores the signal is still ended, so that a failing test leaves nothing behind.
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  await exited;
  clearTimeout(timer);
  return { code: child.exitCode, signal: child.signalCode, afterMs: Date.now() - sentAt };
}

async function waitUntilReady(url: string, child: ChildProcess, exited: Promise<number | null>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone) throw new Error(`process ${child.pid} exited before it was ready (${url})`);
    try {
      const response = await fetch(`${url}/health/live`);
      // While it starts, the process answers live with status "starting" (src/platform/health/booting-responder.ts).
      if (response.ok && ((await response.json()) as { status?: string }).status !== 'starting') return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`process ${child.pid} was not live within ${timeoutMs} ms (${url})`);
}

async function terminate(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function definedOnly(env: Env): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** A stream that hands each complete line written to it to `onLine` (pino writes one JSON object a line). */
function lineStream(onLine: (line: string) => void): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line) onLine(line);
      done();
    },
  });
}
