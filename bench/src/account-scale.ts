import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { JsonClient } from './net';
import { seedCustomers } from './seed';
import { Percentiles, summarize } from './stats';
import { idleEventPath } from './workloads';

/** How an account with a long history compares with a fresh one. Times in ms. */
export interface AccountScaleResult {
  events: number;
  /** Placed → confirmed one order at a time (the capture is the middle of it), per account. */
  capture: { fresh: Percentiles; long: Percentiles };
  /** GET /accounts/{id}, one at a time, per account. */
  balanceRead: { fresh: Percentiles; long: Percentiles };
}

/**
 * Gives one customer's account `events` deposits straight in SQL (as `npm run accounts:rebuild` would leave
 * it: the events and the balance row that sums them), then times, interleaved so that other load hits both
 * alike, a capture (an order placed and confirmed, one at a time) and a balance read on it and on a fresh
 * account.
 */
export async function measureAccountScale(client: JsonClient, databaseUrl: string, events: number, samples: number): Promise<AccountScaleResult> {
  const [fresh, long] = await seedCustomers(client, 2, 0, 'scale', 1);
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    await pg.query('BEGIN');
    const { rows } = await pg.query<{ version: number }>('SELECT version FROM payments.account_balances WHERE customer_id = $1 FOR UPDATE', [long.id]);
    if (rows.length === 0) throw new Error(`no balance row for ${long.id}`);
    const from = rows[0].version;
    await pg.query(
      `INSERT INTO payments.account_events (customer_id, version, type, amount_cents, occurred_at)
       SELECT $1, v, 'FundsDeposited', 1, now() FROM generate_series($2::int + 1, $2::int + $3::int) v`,
      [long.id, from, events],
    );
    await pg.query('UPDATE payments.account_balances SET version = $2::int + $3::int, balance_cents = balance_cents + $3::int, updated_at = now() WHERE customer_id = $1', [long.id, from, events]);
    await pg.query('COMMIT');
    await pg.query('ANALYZE payments.account_events');
  } finally {
    await pg.end();
  }
  const reads = { fresh: [] as number[], long: [] as number[] };
  const timeRead = async (id: string, into: number[]) => {
    const started = performance.now();
    await client.expect('GET', `/api/v1/accounts/${id}`, undefined, [200]);
    into.push(performance.now() - started);
  };
  const captures = { fresh: [] as number[], long: [] as number[] };
  const timeCapture = async (id: string, into: number[]) => into.push((await idleEventPath(client, id, 1)).eventPath.p50);
  for (const id of [fresh.id, long.id]) {
    await idleEventPath(client, id, 3); // warm-up
    await timeRead(id, []);
  }
  for (let i = 0; i < samples; i++) {
    await timeRead(fresh.id, reads.fresh);
    await timeRead(long.id, reads.long);
    await timeCapture(fresh.id, captures.fresh);
    await timeCapture(long.id, captures.long);
  }
  return { events, capture: { fresh: summarize(captures.fresh), long: summarize(captures.long) }, balanceRead: { fresh: summarize(reads.fresh), long: summarize(reads.long) } };
}
