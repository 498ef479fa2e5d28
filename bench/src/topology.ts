import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './net';
import { peakRssMb } from './proc';
import { cleanEnv, NodeProcess, spawnNode, waitUntilReady } from './processes';

export type TransportName = 'tcp' | 'nats' | 'rabbitmq' | 'redis';
export type ModuleName = 'customers' | 'orders' | 'payments';

export interface TopologySpec {
  id: string;
  label: string;
  transport: TransportName;
  /** The modules of each process. The load goes to the first process (it hosts customers). */
  processes: ModuleName[][];
}

const ALL: ModuleName[] = ['customers', 'orders', 'payments'];

export const TOPOLOGIES: TopologySpec[] = [
  { id: 'monolith', label: 'monolith', transport: 'tcp', processes: [ALL] },
  { id: 'payments-out-tcp', label: 'payments out, tcp', transport: 'tcp', processes: [['customers', 'orders'], ['payments']] },
  { id: 'payments-out-nats', label: 'payments out, nats', transport: 'nats', processes: [['customers', 'orders'], ['payments']] },
  { id: 'payments-out-rabbitmq', label: 'payments out, rabbitmq', transport: 'rabbitmq', processes: [['customers', 'orders'], ['payments']] },
  { id: 'payments-out-redis', label: 'payments out, redis', transport: 'redis', processes: [['customers', 'orders'], ['payments']] },
  { id: 'all-apart-tcp', label: 'all apart, tcp', transport: 'tcp', processes: [['customers'], ['orders'], ['payments']] },
];

export const BROKER_PORTS: Record<Exclude<TransportName, 'tcp'>, number> = { nats: 4222, rabbitmq: 5672, redis: 6379 };

export interface LaunchOptions {
  /** dist/main.js of the app under test. */
  appMain: string;
  /** A folder for this run's data and logs. */
  workDir: string;
  jwtSecret: string;
  logLevel: string;
  /** PostgreSQL for every module; unset: each module's embedded PGlite under the run's DATA_DIR. */
  databaseUrl?: string;
  extraEnv?: Record<string, string>;
}

export interface ShopProcess {
  modules: ModuleName[];
  url: string;
  proc: NodeProcess;
  env: Record<string, string>;
}

/** A topology running as real `node dist/main.js` processes on free ports, with its own data and namespace. */
export class RunningTopology {
  private constructor(
    readonly spec: TopologySpec,
    readonly processes: ShopProcess[],
  ) {}

  static async start(spec: TopologySpec, options: LaunchOptions): Promise<RunningTopology> {
    const dataDir = join(options.workDir, 'data');
    mkdirSync(dataDir, { recursive: true });
    const shared: Record<string, string> = {
      TRANSPORT: spec.transport,
      CUSTOMERS_TCP: `127.0.0.1:${await freePort()}`,
      ORDERS_TCP: `127.0.0.1:${await freePort()}`,
      PAYMENTS_TCP: `127.0.0.1:${await freePort()}`,
      TRANSPORT_NAMESPACE: `bench-${randomUUID().slice(0, 8)}`,
      DATA_DIR: dataDir,
      LOG_LEVEL: options.logLevel,
      NODE_ENV: 'production',
      JWT_SECRET: options.jwtSecret,
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...options.extraEnv,
    };
    const processes: ShopProcess[] = [];
    try {
      // All at once; the load starts when every process is ready (its databases and its transport connection),
      // so that every module answers, wherever it runs.
      for (const [index, modules] of spec.processes.entries()) {
        const port = await freePort();
        const env = cleanEnv({ ...shared, MODULES: modules.join(','), HTTP_PORT: String(port) });
        const proc = spawnNode(options.appMain, [], env, join(options.workDir, `process-${index}-${modules.join('+')}.log`));
        processes.push({ modules, url: `http://127.0.0.1:${port}`, proc, env });
      }
      await Promise.all(processes.map((p) => waitUntilReady(`${p.url}/health/ready`, p.proc)));
    } catch (error) {
      await Promise.allSettled(processes.map((p) => p.proc.stop()));
      throw error;
    }
    return new RunningTopology(spec, processes);
  }

  /** Where the load goes: the first process, which hosts customers (and orders, unless all apart). */
  get url(): string {
    return this.processes[0].url;
  }

  get pids(): number[] {
    return this.processes.map((p) => p.proc.pid);
  }

  /** Peak resident memory (VmHWM) of each process so far, MiB. */
  peakMemory(): number[] {
    return this.processes.map((p) => peakRssMb(p.proc.pid) ?? NaN);
  }

  async stop(): Promise<void> {
    for (const p of [...this.processes].reverse()) await p.proc.stop();
  }
}
