/**
 * The ceiling: the customer overview's database work done by a bare node:http handler with `pg`, no framework.
 * It sends the very statements the app sends for GET /api/v1/customers/{id}/overview (as TypeORM writes them:
 * captured from the app's driver), in the same order and with the same concurrency — the customer first, then
 * the account (in a transaction, as GetAccountHandler runs it) and the order list side by side — over three
 * pools of 10 connections, as the app's three module data sources have. It answers the same JSON.
 *
 * Run: DATABASE_URL=postgres://... PORT=3000 node bench/dist/baseline-server.js
 */
import http from 'node:http';
import { Pool } from 'pg';

const url = process.env.DATABASE_URL;
const port = Number(process.env.PORT ?? 3000);
if (!url) {
  console.error('DATABASE_URL is required');
  process.exit(1);
}

const pools = { customers: new Pool({ connectionString: url, max: 10 }), orders: new Pool({ connectionString: url, max: 10 }), payments: new Pool({ connectionString: url, max: 10 }) };

const CUSTOMER_SQL =
  'SELECT "CustomerRecord"."id" AS "CustomerRecord_id", "CustomerRecord"."name" AS "CustomerRecord_name", "CustomerRecord"."email" AS "CustomerRecord_email", "CustomerRecord"."created_at" AS "CustomerRecord_created_at", "CustomerRecord"."deleted_at" AS "CustomerRecord_deleted_at" FROM "customers"."customers" "CustomerRecord" WHERE (("CustomerRecord"."id" = $1)) LIMIT 1';
const HOLDER_SQL =
  'SELECT "AccountHolderRecord"."customer_id" AS "AccountHolderRecord_customer_id", "AccountHolderRecord"."closed_at" AS "AccountHolderRecord_closed_at" FROM "payments"."account_holders" "AccountHolderRecord" WHERE (("AccountHolderRecord"."customer_id" = $1)) LIMIT 1';
const EVENTS_SQL =
  'SELECT "AccountEventRecord"."customer_id" AS "AccountEventRecord_customer_id", "AccountEventRecord"."version" AS "AccountEventRecord_version", "AccountEventRecord"."type" AS "AccountEventRecord_type", "AccountEventRecord"."amount_cents" AS "AccountEventRecord_amount_cents", "AccountEventRecord"."order_id" AS "AccountEventRecord_order_id", "AccountEventRecord"."occurred_at" AS "AccountEventRecord_occurred_at" FROM "payments"."account_events" "AccountEventRecord" WHERE (("AccountEventRecord"."customer_id" = $1) AND ("AccountEventRecord"."version" > $2)) ORDER BY "AccountEventRecord"."version" ASC';
const ORDERS_SQL =
  'SELECT "o"."id" AS "o_id", "o"."customer_id" AS "o_customer_id", "o"."items" AS "o_items", "o"."total_cents" AS "o_total_cents", "o"."status" AS "o_status", "o"."cancellation_reason" AS "o_cancellation_reason", "o"."created_at" AS "o_created_at", "o"."updated_at" AS "o_updated_at" FROM "orders"."order_list" "o" WHERE "o"."customer_id" = $1 ORDER BY "o"."created_at" DESC, "o"."id" DESC LIMIT 21';

class NotFound extends Error {}

const EFFECT: Record<string, number> = { AccountOpened: 0, FundsDeposited: 1, PaymentRefunded: 1, PaymentCaptured: -1 };

async function account(customerId: string): Promise<object> {
  const client = await pools.payments.connect();
  try {
    await client.query('START TRANSACTION');
    const holder = await client.query(HOLDER_SQL, [customerId]);
    if (holder.rows.length === 0 || holder.rows[0].AccountHolderRecord_closed_at) throw new NotFound();
    const events = await client.query(EVENTS_SQL, [customerId, 0]);
    await client.query('COMMIT');
    // The fold: the balance is the sum of the events' effects; the version is their count.
    let balanceCents = 0;
    for (const row of events.rows) balanceCents += EFFECT[row.AccountEventRecord_type] * Number(row.AccountEventRecord_amount_cents);
    return { customerId, balanceCents, version: events.rows.length };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function orders(customerId: string): Promise<object[]> {
  const { rows } = await pools.orders.query(ORDERS_SQL, [customerId]);
  return rows.slice(0, 20).map((r) => ({
    id: r.o_id,
    customerId: r.o_customer_id,
    items: r.o_items,
    totalCents: Number(r.o_total_cents),
    status: r.o_status,
    ...(r.o_cancellation_reason ? { cancellationReason: r.o_cancellation_reason } : {}),
    createdAt: (r.o_created_at as Date).toISOString(),
    updatedAt: (r.o_updated_at as Date).toISOString(),
  }));
}

async function overview(id: string): Promise<object> {
  const { rows } = await pools.customers.query(CUSTOMER_SQL, [id]);
  const c = rows[0];
  if (!c || c.CustomerRecord_deleted_at) throw new NotFound();
  const customer = { id: c.CustomerRecord_id, name: c.CustomerRecord_name, email: c.CustomerRecord_email, createdAt: (c.CustomerRecord_created_at as Date).toISOString() };
  const [acc, list] = await Promise.all([account(id), orders(id)]);
  return { customer, account: acc, orders: list };
}

const OVERVIEW = /^\/api\/v1\/customers\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/overview$/i;

function send(res: http.ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const server = http.createServer((req, res) => {
  const match = req.method === 'GET' ? OVERVIEW.exec(req.url ?? '') : null;
  if (match) {
    overview(match[1]).then(
      (body) => send(res, 200, body),
      (error: unknown) => send(res, error instanceof NotFound ? 404 : 500, { status: error instanceof NotFound ? 404 : 500 }),
    );
  } else if (req.url === '/health/ready') {
    Promise.all(Object.values(pools).map((pool) => pool.query('SELECT 1'))).then(
      () => send(res, 200, { status: 'up' }),
      () => send(res, 503, { status: 'down' }),
    );
  } else send(res, 404, { status: 404 });
});
server.keepAliveTimeout = 60_000;

server.listen(port, '127.0.0.1', () => console.log(`baseline listening on ${port}`));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void Promise.all(Object.values(pools).map((pool) => pool.end())).finally(() => process.exit(0));
  });
}
