import { ModuleName } from '../../src/module-kit/config/module-name';
import { Fault, runFaultsUnderLoad } from '../support/fault-run';
import { faultSeed, sleep } from '../support/order-load';
import { MetricSample, scrapeMetrics, sumOf } from '../support/process-metrics';
import { RunningShop, startShop } from '../support/running-shop';
import { ScratchDatabase } from '../support/scratch-database';
import { REPLICATED } from '../support/topologies';

// Six processes started together, a calm phase, a phase with two SIGKILLs and the checks take about two
// minutes per transport; more on a 2-core machine busy with other work.
jest.setTimeout(420_000);

// Replicas of a module (processes with the same MODULES) on one PostgreSQL server (DATABASE_URL, or the local
// one; a database of this test's own, created again at each run), as real processes (dist/main.js: run
// `npm run build` first): customers x1, orders x2, payments x3, over each broker transport. TCP is left out: a
// module has one address there, and its replicas need a load balancer in front. REPLICA_TRANSPORTS narrows the
// run (e.g. "nats").
const TRANSPORTS = (process.env.REPLICA_TRANSPORTS ?? 'nats,rabbitmq,redis').split(',').map((t) => t.trim()).filter(Boolean);
const SCHEMAS: ModuleName[] = ['customers', 'orders', 'payments'];
/** Messages one relay has on the wire at once; a kill can leave at most that many delivered but not marked. */
const RELAY_CONCURRENCY = 8;

describe.each(TRANSPORTS)('replicas of orders and payments over %s', (transport) => {
  let shop: RunningShop | undefined;
  let db: ScratchDatabase | undefined;
  afterAll(async () => {
    await shop?.stop();
    await db?.drop();
  });

  it('each message is sent once and handled once, each call runs once, every replica works, and a killed relay leader is replaced', async () => {
    const say = (line: string) => process.stdout.write(`[faults] replicas over ${transport}: ${line}\n`);
    db = await ScratchDatabase.create(`replicas_${transport}`);
    const startedAt = Date.now();
    shop = await startShop(REPLICATED, {
      ...process.env,
      E2E_PROCESSES: 'spawn',
      TRANSPORT: transport,
      DATABASE_URL: db.url,
      RELAY_CONCURRENCY: String(RELAY_CONCURRENCY),
      // A busy machine can take more than the default 1.5 s to answer; a timed-out delivery is sent again, and
      // the calm phase below counts every second sending as a fault.
      REMOTE_CALL_TIMEOUT_MS: '5000',
    }, { startTogether: true });
    const running = shop;
    say(`6 processes up (started together) after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    const seed = faultSeed();

    // Calm: replicas share the work, and no message is sent twice (one relay per module sends its outbox).
    const calm = await runFaultsUnderLoad({ name: `replicas over ${transport}, calm`, shop, seed, loadMs: 12_000, faults: [] });
    expect(calm.load.unexpected).toEqual([]);
    const delivered = await eventuallyAllDelivered(db, running);
    const calmScrapes = await Promise.all(running.urls.map(scrapeMetrics));
    const calmSent = total(calmScrapes, 'outbox_messages_sent_total');
    const calmDuplicates = total(calmScrapes, 'inbox_messages_total', { outcome: 'duplicate' });
    say(`calm: ${delivered} outbox rows delivered, ${calmSent} sends counted over all replicas, ${calmDuplicates} duplicates received`);
    expect(calmSent).toBe(delivered);
    expect(calmDuplicates).toBe(0);
    expect(total(calmScrapes, 'inbox_messages_total', { outcome: 'handled' })).toBe(delivered);
    // And each call between processes runs once: the calls served (by any replica) are the calls made.
    for (const module of SCHEMAS) {
      const made = total(calmScrapes, 'module_call_duration_seconds_count', { callee: module, mode: 'remote' });
      const served = total(calmScrapes, 'module_call_duration_seconds_count', { caller: 'transport', callee: module, mode: 'local' });
      say(`calm: ${made} calls made to ${module}, ${served} served`);
      expect({ module, served }).toEqual({ module, served: made });
    }

    // Kills: the orders replica that sends the orders outbox, then the payments replica that sends payments'.
    const lastScrape = new Map<number, MetricSample[]>();
    const killLeader = (module: ModuleName): Fault => ({
      label: `SIGKILL the ${module} replica that leads its outbox relay`,
      inject: async () => {
        const index = await leaderOf(running, module, lastScrape);
        lastScrape.set(index, await scrapeMetrics(running.urls[index]));
        await running.kill(index, 'SIGKILL');
        say(`killed process ${index} (${module}, relay leader)`);
      },
    });
    const faulted = await runFaultsUnderLoad({
      name: `replicas over ${transport}, kills`,
      shop,
      seed: seed + 1,
      loadMs: 20_000,
      faults: [killLeader('orders'), killLeader('payments')],
    });
    expect(faulted.load.unexpected).toEqual([]);
    expect(faulted.report.orders).toBeGreaterThan(0);
    await eventuallyAllDelivered(db, running, lastScrape);

    // Alive processes are read now; killed ones as they were just before the kill.
    const finalScrapes = await Promise.all(running.urls.map(async (url, index) => lastScrape.get(index) ?? scrapeMetrics(url)));
    const idle: string[] = [];
    for (const [index, modules] of REPLICATED.processes.entries()) {
      const [module] = modules;
      const handled = sumOf(finalScrapes[index], 'inbox_messages_total', { module, outcome: 'handled' });
      const served = sumOf(finalScrapes[index], 'module_call_duration_seconds_count', { caller: 'transport', callee: module, mode: 'local' });
      say(`process ${index} (${module}${lastScrape.has(index) ? ', killed' : ''}): ${handled} messages handled, ${served} calls served`);
      if (handled + served === 0) idle.push(`process ${index} (${module})`);
    }
    expect(idle).toEqual([]);
    // A kill can leave messages delivered but not yet marked (the killed relay's, at most RELAY_CONCURRENCY)
    // and messages handled but not yet answered (by the killed receiver, at most one relay's worth): those are
    // sent again, and the inbox drops the second copy.
    const duplicates = total(finalScrapes, 'inbox_messages_total', { outcome: 'duplicate' }) - calmDuplicates;
    say(`after the kills: ${duplicates} duplicates received and dropped (bound ${2 * 2 * RELAY_CONCURRENCY})`);
    expect(duplicates).toBeLessThanOrEqual(2 * 2 * RELAY_CONCURRENCY);

    // The same, straight from the tables: nothing charged twice, nothing pending, nothing set aside.
    const chargedTwice = await db.query(
      `SELECT order_id FROM payments.account_events WHERE order_id IS NOT NULL GROUP BY order_id
        HAVING count(*) FILTER (WHERE type = 'PaymentCaptured') > 1
            OR count(*) FILTER (WHERE type = 'PaymentRefunded') > count(*) FILTER (WHERE type = 'PaymentCaptured')`,
    );
    const pending = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders.orders WHERE status = 'PENDING'`);
    const deadLetters = await db.query<{ n: number }>(SCHEMAS.map((s) => `SELECT count(*)::int AS n FROM "${s}".dead_letters`).join(' UNION ALL '));
    expect(chargedTwice).toEqual([]);
    expect(pending).toEqual([{ n: 0 }]);
    expect(deadLetters.reduce((sum, row) => sum + row.n, 0)).toBe(0);
    say(`done after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  });
});

/** The sum of one metric over every process of the shop. */
function total(scrapes: MetricSample[][], name: string, labels: Record<string, string> = {}): number {
  return scrapes.reduce((sum, samples) => sum + sumOf(samples, name, labels), 0);
}

/**
 * Waits until every outbox row is delivered and the replicas' send counters have caught up with the rows
 * (a row is marked delivered in the same breath as it is counted, but not atomically with the scrape); returns
 * how many rows were delivered. Killed processes count as their last scrape.
 */
async function eventuallyAllDelivered(db: ScratchDatabase, shop: RunningShop, killed = new Map<number, MetricSample[]>(), timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let sent = 0;
  for (;;) {
    const rows = await db.query<{ delivered: number; undelivered: number }>(
      SCHEMAS.map((s) => `SELECT count(*) FILTER (WHERE delivered_at IS NOT NULL)::int AS delivered, count(*) FILTER (WHERE delivered_at IS NULL)::int AS undelivered FROM "${s}".outbox`).join(' UNION ALL '),
    );
    const delivered = rows.reduce((sum, row) => sum + row.delivered, 0);
    const undelivered = rows.reduce((sum, row) => sum + row.undelivered, 0);
    if (undelivered === 0 && killed.size > 0) return delivered;
    if (undelivered === 0) {
      const scrapes = await Promise.all(shop.urls.map((url, index) => killed.get(index) ?? scrapeMetrics(url)));
      sent = total(scrapes, 'outbox_messages_sent_total');
      if (sent >= delivered) return delivered;
    }
    if (Date.now() > deadline) throw new Error(`outbox not delivered within ${timeoutMs} ms: ${undelivered} rows left of ${delivered + undelivered}, ${sent} sends counted`);
    await sleep(500);
  }
}

/** The index of the process that leads `module`'s outbox relay now (outbox_relay_leader 1); waits for one. */
async function leaderOf(shop: RunningShop, module: ModuleName, killed: Map<number, MetricSample[]>, timeoutMs = 30_000): Promise<number> {
  const candidates = [...REPLICATED.processes.entries()].filter(([index, modules]) => modules.includes(module) && !killed.has(index)).map(([index]) => index);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const index of candidates) {
      const samples = await scrapeMetrics(shop.urls[index]);
      if (sumOf(samples, 'outbox_relay_leader', { module }) === 1) return index;
    }
    if (Date.now() > deadline) throw new Error(`no ${module} replica reports outbox_relay_leader 1 within ${timeoutMs} ms`);
    await sleep(250);
  }
}
