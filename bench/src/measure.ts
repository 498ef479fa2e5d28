/**
 * npm run measure [-- options]: the learner's own figures for docs/exercises.md, exercise 1. Starts the monolith
 * and then payments taken out (each on free ports, with a fresh data folder, or a scratch database on the
 * server of DATABASE_URL), places orders one at a time and then several at once, reads accounts through the
 * process that serves HTTP, and prints side by side: placed → confirmed, the calls to PaymentsPort.getAccount
 * as module_call_duration_seconds counts them (local in the monolith, remote when split), and the delivery of
 * orders' messages to payments. A few minutes; the full comparison is `npm run bench`.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonClient, reachable, signToken } from './net';
import { ROOT } from './options';
import { createScratchDatabase, dropScratchDatabase, redactUrl } from './pg-admin';
import { difference, Histogram, quantile, readHistogram } from './prometheus';
import { ORDER_ITEMS, seedCustomers } from './seed';
import { Percentiles, summarize } from './stats';
import { BROKER_PORTS, RunningTopology, TopologySpec, TransportName } from './topology';
import { awaitConfirmed, idleEventPath, OrderBody } from './workloads';

interface MeasureOptions {
  orders: number;
  concurrency: number;
  transport: TransportName;
  databaseUrl?: string;
}

const HELP = `npm run measure -- [options]
  --orders=N        orders placed one at a time, then again N with several in flight, and N account reads (default 100)
  --concurrency=N   orders in flight at once in the second round (default 8)
  --transport=T     how the split reaches payments: tcp (default, no broker), nats, rabbitmq or redis
  DATABASE_URL      set: both shapes on a scratch database made on that PostgreSQL server (dropped after);
                    unset: an embedded PGlite per module in a fresh folder, as npm start`;

type Concurrent = Percentiles & { ordersPerSecond: number; failed: number };

/** What one shape of the shop gave. Times in ms. */
interface ShapeResult {
  label: string;
  oneAtATime: Percentiles;
  concurrent: Concurrent;
  /** PaymentsPort.getAccount as the process serving HTTP saw it (local in the monolith, remote when split). */
  getAccount: Histogram;
  mode: 'local' | 'remote';
  /** The same calls inside payments' own process, when it is another one: the work without the wire. */
  getAccountInPayments?: Histogram;
  /** orders → payments messages, commit to acknowledged delivery, as the orders process's relay saw them. */
  delivery: Histogram;
}

const JWT_SECRET = `measure-${randomUUID()}-${randomUUID()}`;
const started = Date.now();
const log = (message: string) => console.log(`[measure ${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s] ${message}`);

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const appMain = join(ROOT, 'dist', 'main.js');
  if (!existsSync(appMain)) throw new Error(`${appMain} is missing: npm run measure builds it first`);
  if (options.transport !== 'tcp' && !(await reachable('127.0.0.1', BROKER_PORTS[options.transport]))) {
    throw new Error(`--transport=${options.transport} needs its broker on 127.0.0.1:${BROKER_PORTS[options.transport]}`);
  }
  const all: TopologySpec['processes'][number] = ['customers', 'orders', 'payments'];
  const shapes: TopologySpec[] = [
    { id: 'monolith', label: 'monolith', transport: 'tcp', processes: [all] },
    { id: 'payments-out', label: `payments out (${options.transport})`, transport: options.transport, processes: [['customers', 'orders'], ['payments']] },
  ];
  const database = options.databaseUrl ? `PostgreSQL ${redactUrl(options.databaseUrl)} (a scratch database per shape)` : 'embedded PGlite per module (a fresh folder per shape, as npm start)';
  log(database);
  const results: ShapeResult[] = [];
  for (const spec of shapes) results.push(await measureShape(spec, options));
  console.log(`\n${table(results, options)}`);
  // Other work on the machine slows both shapes, not always alike: the figures are this moment's, said so.
  const load = loadavg()[0];
  if (load > cpus().length) console.log(`\nThe machine was busy with other work (load average ${load.toFixed(1)} on ${cpus().length} cores): run again when it is quiet.`);
}

async function measureShape(spec: TopologySpec, options: MeasureOptions): Promise<ShapeResult> {
  const workDir = mkdtempSync(join(tmpdir(), `shop-measure-${spec.id}-`));
  const scratchName = `measure_${spec.id.replace(/\W/g, '_')}_${randomUUID().slice(0, 8)}`;
  const databaseUrl = options.databaseUrl ? await createScratchDatabase(options.databaseUrl, scratchName) : undefined;
  log(`${spec.label}: starting ${spec.processes.length} process(es); load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
  const shop = await RunningTopology.start(spec, { appMain: join(ROOT, 'dist', 'main.js'), workDir, jwtSecret: JWT_SECRET, logLevel: 'warn', databaseUrl });
  const client = new JsonClient(shop.url, { authorization: `Bearer ${signToken(JWT_SECRET, 'measure-admin')}` });
  try {
    // One at a time: seeding is not measured, and on a busy machine a burst of sign-ups can run into deadlines.
    const customers = await seedCustomers(client, options.concurrency, 0, `measure-${spec.id}`, 1);
    await idleEventPath(client, customers[0].id, 5); // warm-up: first calls compile code and fill caches
    log(`${spec.label}: ${options.orders} orders one at a time`);
    const oneAtATime = (await idleEventPath(client, customers[0].id, options.orders)).eventPath;
    log(`${spec.label}: ${options.orders} orders, ${options.concurrency} in flight`);
    const deliveryBefore = await deliveries(shop);
    const concurrent = await placeConcurrently(client, customers.map((c) => c.id), options.orders, options.concurrency);
    const delivery = difference(await deliveries(shop), deliveryBefore);
    log(`${spec.label}: ${options.orders} account reads`);
    const mode = spec.processes.length === 1 ? 'local' : 'remote';
    const before = await accountCalls(shop);
    for (let i = 0; i < options.orders; i++) await client.expect('GET', `/api/v1/accounts/${customers[i % customers.length].id}`, undefined, [200]);
    const after = await accountCalls(shop);
    return {
      label: spec.label,
      oneAtATime,
      concurrent,
      mode,
      getAccount: difference(after.http, before.http),
      ...(mode === 'remote' ? { getAccountInPayments: difference(after.inPayments, before.inPayments) } : {}),
      delivery,
    };
  } finally {
    client.close();
    await shop.stop();
    if (options.databaseUrl) await dropScratchDatabase(options.databaseUrl, scratchName).catch(() => undefined);
    rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * `count` orders with `concurrency` in flight, each over its own customer's account: placed → confirmed. An
 * order refused (a 503 when a deadline passed on a busy machine, say) or never confirmed is counted, not timed.
 */
async function placeConcurrently(client: JsonClient, customerIds: string[], count: number, concurrency: number): Promise<Concurrent> {
  const durations: number[] = [];
  let failed = 0;
  let next = 0;
  const from = Date.now();
  const worker = async (customerId: string) => {
    while (next < count) {
      next++;
      const placed = await client.request<OrderBody>('POST', '/api/v1/orders', { customerId, items: ORDER_ITEMS });
      const confirmed = placed.status === 202 ? await awaitConfirmed(client, placed.body.id, 5, Date.now(), { requests: 0 }) : undefined;
      if (confirmed) durations.push(Date.parse(confirmed.updatedAt) - Date.parse(confirmed.createdAt));
      else failed++;
    }
  };
  await Promise.all(customerIds.slice(0, concurrency).map(worker));
  return { ...summarize(durations), ordersPerSecond: durations.length / ((Date.now() - from) / 1000), failed };
}

async function scrape(url: string): Promise<string> {
  const response = await fetch(`${url}/metrics`);
  return response.text();
}

/** getAccount from HTTP in the first process, and (split) the same calls arriving over the transport in payments'. */
async function accountCalls(shop: RunningTopology): Promise<{ http: Histogram; inPayments: Histogram }> {
  const method = { callee: 'payments', method: 'getAccount' };
  const first = await scrape(shop.processes[0].url);
  const last = await scrape(shop.processes[shop.processes.length - 1].url);
  return {
    http: readHistogram(first, 'module_call_duration_seconds', { ...method, caller: 'http' }),
    inPayments: readHistogram(last, 'module_call_duration_seconds', { ...method, caller: 'transport' }),
  };
}

/** orders → payments deliveries, counted by the relay of the process that hosts orders (the first). */
async function deliveries(shop: RunningTopology): Promise<Histogram> {
  return readHistogram(await scrape(shop.processes[0].url), 'message_delivery_lag_seconds', { source: 'orders', destination: 'payments' });
}

function table(results: ShapeResult[], options: MeasureOptions): string {
  const ms = (seconds: number) => format(seconds * 1000);
  const rows: Array<[string, ...string[]]> = [
    ['', ...results.map((r) => r.label)],
    [`placed → confirmed, one at a time (${options.orders} orders)`, ''],
    ['  p50 ms', ...results.map((r) => format(r.oneAtATime.p50))],
    ['  p99 ms', ...results.map((r) => format(r.oneAtATime.p99))],
    [`placed → confirmed, ${options.concurrency} in flight (${options.orders} orders)`, ''],
    ['  p50 ms', ...results.map((r) => format(r.concurrent.p50))],
    ['  p99 ms', ...results.map((r) => format(r.concurrent.p99))],
    ['  orders confirmed per second', ...results.map((r) => format(r.concurrent.ordersPerSecond))],
    ['  orders refused or not confirmed', ...results.map((r) => String(r.concurrent.failed))],
    [`GET /accounts/{id}: PaymentsPort.getAccount from HTTP (module_call_duration_seconds, ${options.orders} calls)`, ''],
    ['  mode', ...results.map((r) => r.mode)],
    ['  mean ms (_sum / _count)', ...results.map((r) => ms(r.getAccount.sum / r.getAccount.count))],
    ['  p50 ms (histogram_quantile)', ...results.map((r) => ms(quantile(r.getAccount, 0.5)))],
    ['  p99 ms (histogram_quantile)', ...results.map((r) => ms(quantile(r.getAccount, 0.99)))],
    ['  the same calls inside payments, mean ms', ...results.map((r) => (r.getAccountInPayments ? ms(r.getAccountInPayments.sum / r.getAccountInPayments.count) : '(same process)'))],
    ['orders → payments messages, commit to delivery (message_delivery_lag_seconds)', ''],
    ['  count', ...results.map((r) => String(r.delivery.count))],
    ['  mean ms', ...results.map((r) => ms(r.delivery.sum / r.delivery.count))],
  ];
  // A heading row (one cell and an empty one) runs over the columns; the figures are aligned under the labels.
  const isHeading = (row: string[]) => row.length === 2 && row[1] === '';
  const figures = rows.filter((row) => !isHeading(row));
  const widths = rows[0].map((_, column) => Math.max(...figures.map((row) => (row[column] ?? '').length)));
  return rows
    .map((row) => (isHeading(row) ? row[0] : row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]) : cell.padStart(Math.max(widths[column], 12)))).join('  ')))
    .join('\n');
}

function format(value: number): string {
  if (!Number.isFinite(value)) return '-';
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function parseOptions(argv: string[]): MeasureOptions {
  const options: MeasureOptions = { orders: 100, concurrency: 8, transport: 'tcp', databaseUrl: process.env.DATABASE_URL || undefined };
  for (const arg of argv) {
    const [key, value = ''] = arg.replace(/^--/, '').split('=', 2);
    if (key === 'help' || key === 'h') {
      console.log(HELP);
      process.exit(0);
    } else if (key === 'orders' || key === 'concurrency') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new Error(`--${key} must be a whole number above 0\n${HELP}`);
      options[key] = n;
    } else if (key === 'transport' && ['tcp', 'nats', 'rabbitmq', 'redis'].includes(value)) {
      options.transport = value as TransportName;
    } else throw new Error(`unknown argument ${arg}\n${HELP}`);
  }
  return options;
}

main().catch((error: unknown) => {
  console.error(`measure: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
