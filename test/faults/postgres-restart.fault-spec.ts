import { runFaultsUnderLoad } from '../support/fault-run';
import { faultSeed } from '../support/order-load';
import { PrivatePostgres } from '../support/private-postgres';
import { RunningShop, startShop } from '../support/running-shop';
import { TOPOLOGIES } from '../support/topologies';

// Load, faults, recovery and the checks once quiet take a minute or two on a busy 2-core machine.
jest.setTimeout(300_000);

// A PostgreSQL server of this test's own (never the machine's on 5432), restarted with `pg_ctl -m immediate`
// (a crash: connections cut, recovery from the WAL) while orders keep coming. Needs root and postgresql-15.
describe('PostgreSQL restarted under load', () => {
  let postgres: PrivatePostgres;
  let shop: RunningShop | undefined;

  beforeAll(async () => {
    postgres = await PrivatePostgres.start();
  });
  afterAll(async () => {
    await shop?.stop();
    postgres?.remove();
  });

  it('payments out over tcp, both processes on the restarted server: every accepted order settles once', async () => {
    const seed = faultSeed();
    const topology = TOPOLOGIES.find((t) => t.name === 'payments out')!;
    shop = await startShop(topology, { ...process.env, E2E_PROCESSES: 'spawn', TRANSPORT: 'tcp', DATABASE_URL: postgres.url });
    const restart = (downMs: number) => ({
      label: `pg_ctl stop -m immediate, start again ${downMs} ms later`,
      inject: () => postgres.restartImmediately(downMs),
    });
    const { load, report } = await runFaultsUnderLoad({ name: 'PostgreSQL restart', shop, seed, loadMs: 40_000, faults: [restart(1000), restart(3000)] });

    expect(load.unexpected).toEqual([]);
    expect(report.orders).toBeGreaterThan(0);
    // The same, straight from the tables: nothing left to deliver, nothing charged twice, nothing pending.
    const sql = {
      undelivered: await postgres.query(
        `SELECT 'customers' AS schema, count(*)::int AS n FROM customers.outbox WHERE delivered_at IS NULL
         UNION ALL SELECT 'orders', count(*)::int FROM orders.outbox WHERE delivered_at IS NULL
         UNION ALL SELECT 'payments', count(*)::int FROM payments.outbox WHERE delivered_at IS NULL`,
      ),
      chargedTwice: await postgres.query(
        `SELECT order_id FROM payments.account_events WHERE order_id IS NOT NULL GROUP BY order_id
          HAVING count(*) FILTER (WHERE type = 'PaymentCaptured') > 1
              OR count(*) FILTER (WHERE type = 'PaymentRefunded') > count(*) FILTER (WHERE type = 'PaymentCaptured')`,
      ),
      pending: await postgres.query(`SELECT count(*)::int AS n FROM orders.orders WHERE status = 'PENDING'`),
    };
    process.stdout.write(`[faults] PostgreSQL restart: SQL checks ${JSON.stringify(sql)}\n`);
    expect(sql.undelivered.every((row) => row.n === 0)).toBe(true);
    expect(sql.chargedTwice).toEqual([]);
    expect(sql.pending).toEqual([{ n: 0 }]);
  });
});
