import autocannon from 'autocannon';
import { JsonClient } from './net';
import { CpuMeter, OtherLoadMeter } from './proc';
import { ORDER_ITEMS } from './seed';
import { Percentiles, sleep, summarize } from './stats';

/** What one measured run of a workload gives. Latencies in ms. */
export interface WorkloadRun {
  /** Successful operations: 2xx responses (overview, mix) or orders seen CONFIRMED (saga). */
  operations: number;
  errors: number;
  seconds: number;
  perSecond: number;
  latency: Percentiles;
  /** CPU of the topology's own processes. */
  cpuSeconds: number;
  cpuPer1k: number;
  /** CPU of the servers outside the topology that served it (broker, PostgreSQL backends), when any. */
  externalCpuSeconds: number;
  externalCpuPer1k: number;
  /** Placed to confirmed, from the order's createdAt and updatedAt (server clock), when the workload places orders. */
  eventPath?: Percentiles;
  /** HTTP requests sent, when an operation is more than one (the saga polls). */
  httpRequests?: number;
  /** Cores kept busy meanwhile by anything else on the machine (not the servers, the broker or database, the bench). */
  otherLoadCores: number;
}

export interface MeterTargets {
  pids: number[];
  external: () => Promise<number[]>;
}

function finish(
  operations: number,
  errors: number,
  seconds: number,
  latencies: number[],
  cpu: { cpuSeconds: number },
  external: { cpuSeconds: number },
  other: OtherLoadMeter,
  extra: Partial<WorkloadRun> = {},
): WorkloadRun {
  return {
    otherLoadCores: other.read(cpu.cpuSeconds + external.cpuSeconds),
    operations,
    errors,
    seconds,
    perSecond: operations / seconds,
    latency: summarize(latencies),
    cpuSeconds: cpu.cpuSeconds,
    cpuPer1k: operations ? (cpu.cpuSeconds / operations) * 1000 : NaN,
    externalCpuSeconds: external.cpuSeconds,
    externalCpuPer1k: operations ? (external.cpuSeconds / operations) * 1000 : NaN,
    ...extra,
  };
}

interface CannonRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
  setupRequest?: (request: CannonRequest) => CannonRequest;
  onResponse?: (status: number, body: string) => void;
}

async function cannon(url: string, headers: Record<string, string>, requests: CannonRequest[], connections: number, seconds: number, meter: MeterTargets): Promise<WorkloadRun> {
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const externalPids = await meter.external();
  const cpu = new CpuMeter(meter.pids);
  const externalCpu = new CpuMeter(externalPids);
  const other = new OtherLoadMeter();
  let instance: autocannon.Instance;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      { url, connections, duration: seconds, headers, requests: requests as unknown as autocannon.Request[], timeout: 10 },
      (error: Error | null, result: autocannon.Result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      if (status >= 200 && status < 300) {
        ok++;
        latencies.push(responseTime);
      } else failed++;
    });
  });
  const used = cpu.read();
  const usedExternal = externalCpu.read();
  return finish(ok, failed + result.errors, used.wallSeconds, latencies, used, usedExternal, other);
}

function rotate<T>(items: T[]): () => T {
  let i = Math.floor(Math.random() * items.length);
  return () => items[i++ % items.length];
}

/** GET /customers/{id}/overview: the read that crosses all three modules, over the seeded customers. */
export function overview(url: string, headers: Record<string, string>, customerIds: string[], connections: number, seconds: number, meter: MeterTargets): Promise<WorkloadRun> {
  const next = rotate(customerIds);
  return cannon(
    url,
    headers,
    [{ method: 'GET', path: '/', setupRequest: (request) => ({ ...request, path: `/api/v1/customers/${next()}/overview` }) }],
    connections,
    seconds,
    meter,
  );
}

/**
 * The mix, per connection and in this order: 8 overviews, 1 order placed, 1 order read (of 10 requests).
 * The placed orders' event path is read afterwards from a sample of them.
 */
export async function mix(
  url: string,
  headers: Record<string, string>,
  client: JsonClient,
  customerIds: string[],
  orderIds: string[],
  connections: number,
  seconds: number,
  meter: MeterTargets,
): Promise<WorkloadRun> {
  const nextCustomer = rotate(customerIds);
  const nextOrder = rotate(orderIds);
  const placed: string[] = [];
  const read: CannonRequest = { method: 'GET', path: '/', setupRequest: (request) => ({ ...request, path: `/api/v1/customers/${nextCustomer()}/overview` }) };
  const place: CannonRequest = {
    method: 'POST',
    path: '/api/v1/orders',
    headers: { ...headers, 'content-type': 'application/json' },
    setupRequest: (request) => ({ ...request, body: JSON.stringify({ customerId: nextCustomer(), items: ORDER_ITEMS }) }),
    onResponse: (status, body) => {
      if (status === 202) placed.push((JSON.parse(body) as { id: string }).id);
    },
  };
  const get: CannonRequest = { method: 'GET', path: '/', setupRequest: (request) => ({ ...request, path: `/api/v1/orders/${nextOrder()}` }) };
  const run = await cannon(url, headers, [read, read, read, read, place, read, read, read, read, get], connections, seconds, meter);
  run.eventPath = await eventPathOf(client, sample(placed, 300));
  return run;
}

function sample<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)]);
}

export interface OrderBody {
  id: string;
  status: string;
  createdAt: string;
  updatedAt: string;
}

/** Placed to confirmed of each order, from its own timestamps (waits a little for stragglers). */
async function eventPathOf(client: JsonClient, ids: string[]): Promise<Percentiles> {
  const durations: number[] = [];
  for (const id of ids) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const { status, body } = await client.request<OrderBody>('GET', `/api/v1/orders/${id}`);
      if (status === 200 && body.status === 'CONFIRMED') {
        durations.push(Date.parse(body.updatedAt) - Date.parse(body.createdAt));
        break;
      }
      if (status === 200 && body.status === 'CANCELLED') break;
      await sleep(20);
    }
  }
  return summarize(durations);
}

export interface SagaOptions {
  concurrency: number;
  seconds: number;
  /** The first and shortest interval between two reads of a placed order. */
  pollMs: number;
}

/** Waits for an order to be CONFIRMED, reading it at growing intervals (pollMs, then a quarter of the time waited so far). */
export async function awaitConfirmed(client: JsonClient, id: string, pollMs: number, startedAt: number, counter: { requests: number }, timeoutMs = 15_000): Promise<OrderBody | undefined> {
  const giveUp = Date.now() + timeoutMs;
  for (;;) {
    await sleep(Math.max(pollMs, (Date.now() - startedAt) / 4));
    counter.requests++;
    const { status, body } = await client.request<OrderBody>('GET', `/api/v1/orders/${id}`);
    if (status === 200 && body.status === 'CONFIRMED') return body;
    if ((status === 200 && body.status === 'CANCELLED') || status >= 400 || Date.now() > giveUp) return undefined;
  }
}

/**
 * The write saga, closed loop: each of `concurrency` workers places an order (202 PENDING), reads it at
 * growing intervals until it is CONFIRMED, and starts the next. Latency is end to end: from the moment the
 * POST is sent (the bench's clock) to the moment the order was confirmed (its updatedAt, the server's clock:
 * the same machine's clock), so it does not depend on how often the bench reads the order; the reads only
 * tell the worker when to go on. The event path is placed to confirmed: updatedAt − createdAt.
 */
export async function saga(client: JsonClient, customerIds: string[], options: SagaOptions, meter: MeterTargets): Promise<WorkloadRun> {
  const nextCustomer = rotate(customerIds);
  const endToEnd: number[] = [];
  const eventPath: number[] = [];
  let errors = 0;
  const counter = { requests: 0 };
  const externalPids = await meter.external();
  const cpu = new CpuMeter(meter.pids);
  const externalCpu = new CpuMeter(externalPids);
  const other = new OtherLoadMeter();
  const deadline = Date.now() + options.seconds * 1000;

  const worker = async () => {
    while (Date.now() < deadline) {
      const sentAt = Date.now();
      try {
        counter.requests++;
        const placed = await client.request<OrderBody>('POST', '/api/v1/orders', { customerId: nextCustomer(), items: ORDER_ITEMS });
        if (placed.status !== 202) {
          errors++;
          await sleep(options.pollMs);
          continue;
        }
        const confirmed = await awaitConfirmed(client, placed.body.id, options.pollMs, sentAt, counter);
        if (!confirmed) {
          errors++;
          continue;
        }
        endToEnd.push(Date.parse(confirmed.updatedAt) - sentAt);
        eventPath.push(Date.parse(confirmed.updatedAt) - Date.parse(confirmed.createdAt));
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const used = cpu.read();
  const usedExternal = externalCpu.read();
  return finish(endToEnd.length, errors, used.wallSeconds, endToEnd, used, usedExternal, other, { eventPath: summarize(eventPath), httpRequests: counter.requests });
}

/** Orders placed one at a time on an otherwise idle topology: the event path without queueing. */
export async function idleEventPath(client: JsonClient, customerId: string, count: number): Promise<{ endToEnd: Percentiles; eventPath: Percentiles }> {
  const endToEnd: number[] = [];
  const eventPath: number[] = [];
  const counter = { requests: 0 };
  for (let i = 0; i < count; i++) {
    const sentAt = Date.now();
    const placed = await client.expect<OrderBody>('POST', '/api/v1/orders', { customerId, items: ORDER_ITEMS }, [202]);
    const confirmed = await awaitConfirmed(client, placed.id, 5, sentAt, counter);
    if (confirmed) {
      endToEnd.push(Date.parse(confirmed.updatedAt) - sentAt);
      eventPath.push(Date.parse(confirmed.updatedAt) - Date.parse(confirmed.createdAt));
    }
    await sleep(20);
  }
  return { endToEnd: summarize(endToEnd), eventPath: summarize(eventPath) };
}

/** POST /accounts/{id}/deposits on one account from `connections` writers at once: the account's write contention. */
export function deposits(url: string, headers: Record<string, string>, customerId: string, connections: number, seconds: number, meter: MeterTargets): Promise<WorkloadRun> {
  return cannon(
    url,
    headers,
    [{ method: 'POST', path: `/api/v1/accounts/${customerId}/deposits`, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ amountCents: 1 }) }],
    connections,
    seconds,
    meter,
  );
}
