/**
 * One run of the boundary micro-benchmark, in a process of its own (so that the orchestrator's load
 * generator and timers do not disturb it). It imports the compiled app (dist/) and calls one cross-module
 * method — CustomersPort.get(id), the call orders makes before it accepts an order — in one of two ways:
 *
 * - in-process: a monolith app in this process; the port (LocalCustomersPort → QueryBus → handler) against
 *   direct method calls on the handler and on the repository, which do the same database work;
 * - over a transport: this process hosts orders only, a spawned `node dist/main.js` hosts customers and
 *   payments; the port here is the remote proxy. `ping` is the bare round trip (no database work).
 *
 * Usage: node micro-worker.js <config.json> <result.json>
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnNode, waitUntilReady, NodeProcess, cleanEnv } from './processes';
import { sleep, summarize } from './stats';

export interface MicroConfig {
  distDir: string;
  mode: 'in-process' | 'transport';
  /** Environment of the app booted in this process. */
  env: Record<string, string>;
  /**
   * For transport: the peer process hosting customers and payments. Waited for on /health/live; the first call
   * proves the path.
   */
  peer?: { env: Record<string, string>; readyUrl: string; logFile: string };
  warmupCalls: number;
  rounds: number;
  callsPerRound: number;
}

export interface MicroVariant {
  p50Us: number;
  p95Us: number;
  p99Us: number;
  meanUs: number;
  callsPerSecond: number;
  calls: number;
}

export interface MicroResult {
  mode: MicroConfig['mode'];
  transport?: string;
  variants: Record<string, MicroVariant>;
}

type Call = () => Promise<unknown>;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = <T>(distDir: string, path: string): T => require(join(distDir, path)) as T;

interface NestApp {
  init(): Promise<unknown>;
  close(): Promise<void>;
  get<T = unknown>(token: unknown, options?: { strict: boolean }): T;
}

async function measure(variants: Record<string, Call>, config: MicroConfig): Promise<Record<string, MicroVariant>> {
  const names = Object.keys(variants);
  for (const name of names) for (let i = 0; i < config.warmupCalls; i++) await variants[name]();
  const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < config.rounds; round++) {
    // Interleaved, in a different order each round, so that drift (GC, JIT, the machine) hits all alike.
    const order = [...names].sort(() => Math.random() - 0.5);
    for (const name of order) {
      const call = variants[name];
      for (let i = 0; i < config.callsPerRound; i++) {
        const started = process.hrtime.bigint();
        await call();
        samples[name].push(Number(process.hrtime.bigint() - started) / 1000);
      }
    }
  }
  return Object.fromEntries(
    names.map((name) => {
      const s = summarize(samples[name]);
      return [name, { p50Us: s.p50, p95Us: s.p95, p99Us: s.p99, meanUs: s.mean, callsPerSecond: 1e6 / s.mean, calls: s.count }];
    }),
  );
}

async function main(): Promise<void> {
  const [configFile, resultFile] = process.argv.slice(2);
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as MicroConfig;
  const { createApp } = load<{ createApp(config: unknown): Promise<NestApp> }>(config.distDir, 'app/create-app.js');
  const { loadConfig } = load<{ loadConfig(env: Record<string, string>): unknown }>(config.distDir, 'app/load-app-config.js');
  const { CustomersPort } = load<{ CustomersPort: unknown }>(config.distDir, 'modules/customers/contracts/index.js');

  let peer: NodeProcess | undefined;
  if (config.peer) peer = spawnNode(join(config.distDir, 'main.js'), [], cleanEnv(config.peer.env), config.peer.logFile);
  const app = await createApp(loadConfig(config.env));
  try {
    await app.init();
    if (peer && config.peer) await waitUntilReady(config.peer.readyUrl, peer);
    const customers = app.get<{ register(input: object): Promise<{ id: string }>; get(id: string): Promise<unknown> }>(CustomersPort);
    let customerId: string | undefined;
    for (let attempt = 0; !customerId; attempt++) {
      try {
        customerId = (await customers.register({ name: 'Micro Bench', email: `micro-${process.pid}-${Date.now()}@bench.example` })).id;
      } catch (error) {
        if (attempt > 100) throw error;
        await sleep(100);
      }
    }
    const id = customerId;
    let variants: Record<string, Call>;
    if (config.mode === 'in-process') {
      const { GetCustomerHandler } = load<{ GetCustomerHandler: unknown }>(config.distDir, 'modules/customers/application/queries/get-customer/get-customer.handler.js');
      const { GetCustomerQuery } = load<{ GetCustomerQuery: new (id: string) => object }>(config.distDir, 'modules/customers/application/queries/get-customer/get-customer.query.js');
      const { CustomersRepository } = load<{ CustomersRepository: unknown }>(config.distDir, 'modules/customers/application/customers.repository.js');
      const { toCustomerDto } = load<{ toCustomerDto(customer: unknown): unknown }>(config.distDir, 'modules/customers/application/customer.dto-mapper.js');
      const handler = app.get<{ execute(query: object): Promise<unknown> }>(GetCustomerHandler, { strict: false });
      const repository = app.get<{ findActive(id: string): Promise<unknown> }>(CustomersRepository, { strict: false });
      variants = {
        // The repository and the handler are what a direct method call would be without a module boundary.
        repository: async () => toCustomerDto(await repository.findActive(id)),
        handler: () => handler.execute(new GetCustomerQuery(id)),
        port: () => customers.get(id),
      };
    } else {
      const { ModuleClients } = load<{ ModuleClients: unknown }>(config.distDir, 'platform/transport/module-clients.js');
      const clients = app.get<{ get(module: string): { ping(timeoutMs?: number): Promise<void> } }>(ModuleClients, { strict: false });
      const remote = clients.get('customers');
      variants = { port: () => customers.get(id), ping: () => remote.ping(5000) };
    }
    const result: MicroResult = { mode: config.mode, transport: config.mode === 'transport' ? config.env.TRANSPORT : undefined, variants: await measure(variants, config) };
    writeFileSync(resultFile, JSON.stringify(result, null, 2));
  } finally {
    await app.close();
    await peer?.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
