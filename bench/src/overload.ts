import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { JsonClient } from './net';
import { seedCustomers, ORDER_ITEMS } from './seed';
import { Percentiles, sleep, summarize } from './stats';
import { RunningTopology, TopologySpec } from './topology';
import { OrderBody, saga } from './workloads';

/**
 * Issue #15, bounded lag: the shop driven at twice the rate it can settle, open loop (orders are sent on a
 * clock, not when earlier ones return, as real clients do), once with the backlog bound off and once with it
 * on. For each: how many orders were accepted and how many shed (503 OVERLOADED), and placed → settled of the
 * accepted ones, from each order's own createdAt and updatedAt (the orders table's timestamps).
 */
export interface OverloadRun {
  /** BACKLOG_MAX_AGE_MS of the run; 0: the bound off. */
  boundMs: number;
  offeredPerSecond: number;
  sent: number;
  accepted: number;
  shed: number;
  /** Answers other than 202 and 503 OVERLOADED, and requests that got no answer. */
  failed: number;
  settled: number;
  /** Accepted orders still PENDING when the bench stopped waiting for them. */
  unsettled: number;
  placedToSettled: Percentiles;
  /** The machine's 1-minute load average as the run began and as it ended. */
  loadAverage: { before: number; after: number };
}

export interface OverloadResult {
  topology: string;
  seconds: number;
  /** Orders confirmed per second, closed loop with many in flight: what the topology settles at most. */
  sustainablePerSecond: number;
  runs: OverloadRun[];
  failed?: string;
}

export interface OverloadSettings {
  spec: TopologySpec;
  seconds: number;
  boundMs: number;
  /** Starts the topology with these extra variables; the caller owns where it runs and how it is stopped. */
  start: (extraEnv: Record<string, string>, workDir: string) => Promise<RunningTopology>;
  client: (url: string) => JsonClient;
  workRoot: string;
  log: (message: string) => void;
}

/** Orders in flight in the closed loop that finds the sustainable rate: enough to keep every stage busy. */
const SATURATING_CONCURRENCY = 16;
const SATURATION_SECONDS = 10;
/** How long the bench waits for the accepted orders to settle after the load stops (the bound off builds a queue). */
const SETTLE_DEADLINE_MS = 300_000;

export async function runOverload(settings: OverloadSettings): Promise<OverloadResult> {
  const result: OverloadResult = { topology: settings.spec.label, seconds: settings.seconds, sustainablePerSecond: NaN, runs: [] };
  // The bound off first: it also measures the sustainable rate, on a topology that sheds nothing.
  for (const boundMs of [0, settings.boundMs]) {
    const workDir = join(settings.workRoot, `overload-${boundMs}`);
    mkdirSync(workDir, { recursive: true });
    const topology = await settings.start({ BACKLOG_MAX_AGE_MS: String(boundMs), RATE_LIMIT_PER_MINUTE: '0' }, workDir);
    const client = settings.client(topology.url);
    try {
      // One at a time: on a busy machine four at once can find payments slower than a remote call may take.
      const customers = (await seedCustomers(client, 20, 0, `overload-${boundMs}`, 1)).map((c) => c.id);
      if (Number.isNaN(result.sustainablePerSecond)) {
        const closedLoop = await saga(client, customers, { concurrency: SATURATING_CONCURRENCY, seconds: SATURATION_SECONDS, pollMs: 20 }, { pids: topology.pids, external: async () => [] });
        result.sustainablePerSecond = closedLoop.perSecond;
        settings.log(`  overload: sustainable ${closedLoop.perSecond.toFixed(1)} orders/s (closed loop, ${SATURATING_CONCURRENCY} in flight); driving at twice that`);
        await sleep(2000);
      }
      const run = await overloadRun(client, customers, 2 * result.sustainablePerSecond, settings.seconds, boundMs);
      settings.log(
        `  overload, bound ${boundMs ? `${boundMs} ms` : 'off'}: ${run.accepted} accepted, ${run.shed} shed, ${run.failed} failed of ${run.sent}; ` +
          `placed→settled p50 ${run.placedToSettled.p50.toFixed(0)} ms, p99 ${run.placedToSettled.p99.toFixed(0)} ms (${run.unsettled} unsettled); load average ${run.loadAverage.before.toFixed(2)} → ${run.loadAverage.after.toFixed(2)}`,
      );
      result.runs.push(run);
    } finally {
      client.close();
      await topology.stop();
    }
  }
  return result;
}

async function overloadRun(client: JsonClient, customerIds: string[], perSecond: number, seconds: number, boundMs: number): Promise<OverloadRun> {
  const before = loadavg()[0];
  const accepted: string[] = [];
  let shed = 0;
  let failed = 0;
  let sent = 0;
  const inFlight: Array<Promise<void>> = [];
  const place = async (customerId: string) => {
    try {
      const { status, body } = await client.request<OrderBody & { code?: string }>('POST', '/api/v1/orders', { customerId, items: ORDER_ITEMS }, 60_000);
      if (status === 202) accepted.push(body.id);
      else if (status === 503 && body.code === 'OVERLOADED') shed++;
      else failed++;
    } catch {
      failed++;
    }
  };
  const started = Date.now();
  while (Date.now() - started < seconds * 1000) {
    const due = Math.floor(((Date.now() - started) / 1000) * perSecond);
    for (; sent < due; sent++) inFlight.push(place(customerIds[sent % customerIds.length]));
    await sleep(5);
  }
  await Promise.all(inFlight);
  const { durations, unsettled } = await placedToSettled(client, accepted);
  return {
    boundMs,
    offeredPerSecond: perSecond,
    sent,
    accepted: accepted.length,
    shed,
    failed,
    settled: durations.length,
    unsettled,
    placedToSettled: summarize(durations),
    loadAverage: { before, after: loadavg()[0] },
  };
}

/**
 * Placed → settled (CONFIRMED or CANCELLED) of each order, from its own timestamps, so how often the bench
 * reads does not change the figures. Orders settle about in the order they were placed: each round reads
 * from the oldest still pending and stops at a few pending in a row, so waiting costs the shop little.
 */
async function placedToSettled(client: JsonClient, ids: string[]): Promise<{ durations: number[]; unsettled: number }> {
  const durations: number[] = [];
  let pending = [...ids];
  const deadline = Date.now() + SETTLE_DEADLINE_MS;
  while (pending.length > 0 && Date.now() < deadline) {
    const stillPending: string[] = [];
    let pendingInARow = 0;
    for (const [index, id] of pending.entries()) {
      if (pendingInARow >= 20) {
        stillPending.push(...pending.slice(index));
        break;
      }
      const { status, body } = await client.request<OrderBody>('GET', `/api/v1/orders/${id}`).catch(() => ({ status: 0, body: undefined }));
      if (status === 200 && body && body.status !== 'PENDING') {
        durations.push(Date.parse(body.updatedAt) - Date.parse(body.createdAt));
        pendingInARow = 0;
      } else {
        stillPending.push(id);
        pendingInARow++;
      }
    }
    pending = stillPending;
    if (pending.length > 0) await sleep(500);
  }
  return { durations, unsettled: pending.length };
}
