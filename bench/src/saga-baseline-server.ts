/**
 * The saga's ceiling: place → capture → confirm done by a bare node:http handler with `pg`, no framework, on
 * the shop's own tables. It writes what the shop writes, in the same transactions, and nothing else:
 *
 *   place    (orders)   the order PENDING, and two outbox rows: OrderPlaced for the order list, RequestPayment
 *   list     (orders)   inbox row, the order list's row                        — then the outbox row delivered
 *   capture  (payments) inbox row, the balance locked, the event appended, the balance updated, the payment,
 *                       the PaymentCaptured outbox row                         — then the outbox row delivered
 *   confirm  (orders)   inbox row, the order CONFIRMED, the OrderConfirmed outbox row — then delivered
 *   list     (orders)   inbox row, the order list's row CONFIRMED               — then delivered
 *
 * Each step starts as soon as the transaction before it has committed, in this process: the hand-written
 * program's way of delivering a message, with no relay polling the outbox, no broker, no framework, and the
 * fewest statements that do the job (the shop's repositories also read rows back before writing them). Over
 * three pools of 10 connections, as the app's three module data sources have. GET /api/v1/orders/{id} reads
 * the order, so that the bench's saga workload drives this program exactly as it drives the shop.
 *
 * Run: DATABASE_URL=postgres://... PORT=3000 node bench/dist/saga-baseline-server.js
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { Pool, PoolClient } from 'pg';

const url = process.env.DATABASE_URL;
const port = Number(process.env.PORT ?? 3000);
if (!url) {
  console.error('DATABASE_URL is required');
  process.exit(1);
}

const pools = { customers: new Pool({ connectionString: url, max: 10 }), orders: new Pool({ connectionString: url, max: 10 }), payments: new Pool({ connectionString: url, max: 10 }) };

interface Item {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}
interface Order {
  id: string;
  customerId: string;
  items: Item[];
  totalCents: number;
  createdAt: Date;
}
interface Message {
  id: string;
  seq: string;
}

class NotFound extends Error {}

async function transaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const OUTBOX_INSERT = (schema: string, rows: number) =>
  `INSERT INTO "${schema}".outbox (message_id, destination, name, version, ordering_key, payload) VALUES ` +
  Array.from({ length: rows }, (_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, 1, $${i * 5 + 4}, $${i * 5 + 5})`).join(', ') +
  ' RETURNING seq';

async function outbox(client: PoolClient, schema: string, orderId: string, messages: Array<{ destination: string; name: string; payload: object }>): Promise<Message[]> {
  const ids = messages.map(() => randomUUID());
  const { rows } = await client.query<{ seq: string }>(
    OUTBOX_INSERT(schema, messages.length),
    messages.flatMap((m, i) => [ids[i], m.destination, m.name, orderId, JSON.stringify(m.payload)]),
  );
  return rows.map((row, i) => ({ id: ids[i], seq: row.seq }));
}

/** Records a message as handled; false when it was handled before (the inbox's duplicate check). */
async function inbox(client: PoolClient, schema: string, message: Message, name: string, source: string): Promise<boolean> {
  const { rowCount } = await client.query(`INSERT INTO "${schema}".inbox (message_id, name, source) VALUES ($1, $2, $3) ON CONFLICT (message_id) DO NOTHING`, [message.id, name, source]);
  return rowCount === 1;
}

async function delivered(schema: string, message: Message): Promise<void> {
  await pools[schema as keyof typeof pools].query(`UPDATE "${schema}".outbox SET delivered_at = now() WHERE seq = $1`, [message.seq]);
}

async function place(customerId: string, items: Item[]): Promise<Order> {
  const { rowCount } = await pools.customers.query('SELECT 1 FROM customers.customers WHERE id = $1 AND deleted_at IS NULL', [customerId]);
  if (rowCount === 0) throw new NotFound();
  const order: Order = { id: randomUUID(), customerId, items, totalCents: items.reduce((sum, i) => sum + i.quantity * i.unitPriceCents, 0), createdAt: new Date() };
  const [placed, requested] = await transaction(pools.orders, async (client) => {
    await client.query(
      `INSERT INTO orders.orders (id, customer_id, items, total_cents, status, created_at, updated_at, payment_deadline) VALUES ($1, $2, $3, $4, 'PENDING', $5, $5, $5::timestamptz + interval '30 seconds')`,
      [order.id, customerId, JSON.stringify(items), order.totalCents, order.createdAt],
    );
    return outbox(client, 'orders', order.id, [
      { destination: 'orders', name: 'orders.OrderPlaced', payload: { orderId: order.id, customerId, items, totalCents: order.totalCents } },
      { destination: 'payments', name: 'payments.RequestPayment', payload: { orderId: order.id, customerId, amountCents: order.totalCents } },
    ]);
  });
  void listPlaced(placed, order).then(() => delivered('orders', placed), fail);
  void capture(requested, order).then(() => delivered('orders', requested), fail);
  return order;
}

async function listPlaced(message: Message, order: Order): Promise<void> {
  await transaction(pools.orders, async (client) => {
    if (!(await inbox(client, 'orders', message, 'orders.OrderPlaced', 'orders'))) return;
    await client.query(
      `INSERT INTO orders.order_list (id, customer_id, items, total_cents, status, created_at, updated_at) VALUES ($1, $2, $3, $4, 'PENDING', $5, $5) ON CONFLICT DO NOTHING`,
      [order.id, order.customerId, JSON.stringify(order.items), order.totalCents, order.createdAt],
    );
  });
}

async function capture(message: Message, order: Order): Promise<void> {
  const captured = await transaction(pools.payments, async (client) => {
    if (!(await inbox(client, 'payments', message, 'payments.RequestPayment', 'orders'))) return undefined;
    const { rows } = await client.query<{ version: number; balance_cents: string }>('SELECT version, balance_cents FROM payments.account_balances WHERE customer_id = $1 FOR UPDATE', [order.customerId]);
    if (rows.length === 0 || Number(rows[0].balance_cents) < order.totalCents) throw new Error(`no funds for ${order.id}`);
    const version = rows[0].version + 1;
    await client.query(`INSERT INTO payments.account_events (customer_id, version, type, amount_cents, order_id, occurred_at) VALUES ($1, $2, 'PaymentCaptured', $3, $4, now())`, [order.customerId, version, order.totalCents, order.id]);
    await client.query('UPDATE payments.account_balances SET version = $2, balance_cents = $3, updated_at = now() WHERE customer_id = $1', [order.customerId, version, Number(rows[0].balance_cents) - order.totalCents]);
    const paymentId = randomUUID();
    await client.query(`INSERT INTO payments.payments (id, order_id, customer_id, amount_cents, status, created_at) VALUES ($1, $2, $3, $4, 'CAPTURED', now())`, [paymentId, order.id, order.customerId, order.totalCents]);
    const [out] = await outbox(client, 'payments', order.id, [{ destination: 'orders', name: 'payments.PaymentCaptured', payload: { paymentId, orderId: order.id, customerId: order.customerId, amountCents: order.totalCents } }]);
    return out;
  });
  if (captured) void confirm(captured, order).then(() => delivered('payments', captured), fail);
}

async function confirm(message: Message, order: Order): Promise<void> {
  const confirmed = await transaction(pools.orders, async (client) => {
    if (!(await inbox(client, 'orders', message, 'payments.PaymentCaptured', 'payments'))) return undefined;
    const confirmedAt = new Date();
    const { rowCount } = await client.query(`UPDATE orders.orders SET status = 'CONFIRMED', updated_at = $2 WHERE id = $1 AND status = 'PENDING'`, [order.id, confirmedAt]);
    if (rowCount === 0) return undefined;
    const [out] = await outbox(client, 'orders', order.id, [{ destination: 'orders', name: 'orders.OrderConfirmed', payload: { orderId: order.id, confirmedAt } }]);
    return { out, confirmedAt };
  });
  if (confirmed) void listConfirmed(confirmed.out, order, confirmed.confirmedAt).then(() => delivered('orders', confirmed.out), fail);
}

async function listConfirmed(message: Message, order: Order, confirmedAt: Date): Promise<void> {
  await transaction(pools.orders, async (client) => {
    if (!(await inbox(client, 'orders', message, 'orders.OrderConfirmed', 'orders'))) return;
    await client.query(`UPDATE orders.order_list SET status = 'CONFIRMED', updated_at = $2 WHERE id = $1`, [order.id, confirmedAt]);
  });
}

// A step that fails leaves its order PENDING: the bench counts it as an error, and the log says why.
function fail(error: unknown): void {
  console.error(`saga step failed: ${(error as Error).message}`);
}

async function readOrder(id: string): Promise<object> {
  const { rows } = await pools.orders.query('SELECT id, customer_id, items, total_cents, status, created_at, updated_at FROM orders.orders WHERE id = $1', [id]);
  if (rows.length === 0) throw new NotFound();
  const r = rows[0];
  return { id: r.id, customerId: r.customer_id, items: r.items, totalCents: Number(r.total_cents), status: r.status, createdAt: (r.created_at as Date).toISOString(), updatedAt: (r.updated_at as Date).toISOString() };
}

function send(res: http.ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function answer(res: http.ServerResponse, status: number, work: Promise<object>): void {
  work.then(
    (body) => send(res, status, body),
    (error: unknown) => send(res, error instanceof NotFound ? 404 : 500, { status: error instanceof NotFound ? 404 : 500 }),
  );
}

const ORDER = /^\/api\/v1\/orders\/([0-9a-f-]{36})$/i;

const server = http.createServer((req, res) => {
  const read = req.method === 'GET' ? ORDER.exec(req.url ?? '') : null;
  if (read) return answer(res, 200, readOrder(read[1]));
  if (req.method === 'POST' && req.url === '/api/v1/orders') {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { customerId: string; items: Item[] };
      answer(res, 202, place(body.customerId, body.items).then((o) => ({ id: o.id, status: 'PENDING', createdAt: o.createdAt.toISOString(), updatedAt: o.createdAt.toISOString() })));
    });
    return;
  }
  if (req.url === '/health/ready') return answer(res, 200, Promise.all(Object.values(pools).map((pool) => pool.query('SELECT 1'))).then(() => ({ status: 'up' })));
  send(res, 404, { status: 404 });
});
server.keepAliveTimeout = 60_000;

server.listen(port, '127.0.0.1', () => console.log(`saga baseline listening on ${port}`));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void Promise.all(Object.values(pools).map((pool) => pool.end())).finally(() => process.exit(0));
  });
}
