import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { eventually, HttpClient } from '../support/http-client';
import { expectProblem, expectValidationProblem, expectWellBehavedAnswers } from '../support/problems';
import { RunningShop, startShop } from '../support/running-shop';
import { itemsCosting, SETTLE_TIMEOUT_MS, ShopApi } from '../support/shop-api';
import { bearer, tokenFor } from '../support/tokens';
import { selectedTopologies, Topology } from '../support/topologies';

interface DeadLetter {
  id: string;
  module: string;
  destination: string;
  name: string;
  version: number;
  messageId: string;
  orderingKey: string;
  attempts: number;
  lastError: string;
  occurredAt: string;
  deadLetteredAt: string;
  payload: Record<string, unknown>;
}

const LIST = '/api/v1/admin/dead-letters';
const replayPath = (id: string) => `${LIST}/${id}/replay`;
/** Few attempts, so that a message whose handler keeps failing is given up on in a second or two. */
const MAX_ATTEMPTS = 3;
/** A SQL server the test can reach beside the shop, to plant a fault in a module's schema. */
const databaseUrl = process.env.DATABASE_URL;

// The monolith; a split where one process asks another for a module's dead letters; and every module apart
// (the topology CI also runs as real processes).
const topologies = selectedTopologies().filter((topology) => ['monolith', 'payments out', 'all apart'].includes(topology.name));
// E2E_TOPOLOGIES may select none of them: the suite is then reported as skipped rather than empty.
const notSelected: Topology = { name: 'monolith, payments out and all apart not selected', processes: [] };

(topologies.length > 0 ? describe.each(topologies) : describe.skip.each([notSelected]))('dead letters ($name)', (topology) => {
  let shop: RunningShop;
  let api: ShopApi;

  beforeAll(async () => {
    shop = await startShop(topology, { ...process.env, DELIVERY_MAX_ATTEMPTS: String(MAX_ATTEMPTS) });
    api = new ShopApi(shop.urls, shop.adminHeaders);
  });
  afterAll(() => shop?.stop());

  /** Every dead letter of `module` (or all modules), newest first, page by page from any process. */
  async function allDeadLetters(module?: string): Promise<DeadLetter[]> {
    return (await api.walk<DeadLetter>(module ? `${LIST}?module=${module}` : LIST, 100)).flat();
  }

  it('is for admins only: 401 without a token, 403 with a customer token', async () => {
    const customer = await api.signUp();
    const anonymous = new HttpClient(api.first.baseUrl);
    const asCustomer = new HttpClient(api.last.baseUrl, bearer(tokenFor(customer.id, 'customer')));

    expectProblem(await anonymous.get(LIST), 401);
    expectProblem(await anonymous.post(replayPath(randomUUID())), 401);
    expectProblem(await asCustomer.get(LIST), 403);
    expectProblem(await asCustomer.post(replayPath(randomUUID())), 403);
  });

  it('lists with the list conventions, the total per module and no module missing', async () => {
    for (const client of api.clients) {
      const response = await client.get(`${LIST}?limit=5`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ items: expect.any(Array), nextCursor: response.body.items.length === 5 ? expect.any(String) : null, totals: expect.any(Object), unavailable: [] });
      expect(Object.keys(response.body.totals).sort()).toEqual(['customers', 'orders', 'payments']);
      const filtered = await client.get(`${LIST}?module=orders&limit=1`);
      expect(filtered.status).toBe(200);
      expect(Object.keys(filtered.body.totals)).toEqual(['orders']);
    }
  });

  it('reports a dead_letters gauge for each module a process hosts, with the same count as the list', async () => {
    for (const [index, client] of api.clients.entries()) {
      const metrics = await new HttpClient(client.baseUrl).get('/metrics');
      expect(String(metrics.body)).toContain('# TYPE dead_letters gauge');
      for (const module of topology.processes[index]) {
        const gauge = new RegExp(`^dead_letters\\{module="${module}"\\} (\\d+)$`, 'm').exec(String(metrics.body));
        expect(gauge).not.toBeNull();
        expect(Number(gauge![1])).toBe((await client.get(`${LIST}?module=${module}&limit=1`)).body.totals[module]);
      }
    }
  });

  it('refuses a bad limit, module, cursor or id (400), and an id nobody holds (404 DEAD_LETTER_NOT_FOUND)', async () => {
    expectValidationProblem(await api.first.get(`${LIST}?limit=0`), 'limit');
    expectValidationProblem(await api.last.get(`${LIST}?limit=101`), 'limit');
    expectValidationProblem(await api.first.get(`${LIST}?module=billing`), 'module');
    expectValidationProblem(await api.first.get(`${LIST}?colour=red`), 'colour');
    const badCursor = await api.last.get(`${LIST}?cursor=bm90LWEtY3Vyc29y`);
    expectProblem(badCursor, 400);
    expect(badCursor.body.code).toBe('INVALID_CURSOR');
    expectProblem(await api.first.post(replayPath('not-a-uuid')), 400);
    for (const client of api.clients) {
      const unknown = await client.post(replayPath(randomUUID()));
      expectProblem(unknown, 404);
      expect(unknown.body.code).toBe('DEAD_LETTER_NOT_FOUND');
    }
  });

  // The fault is planted in SQL beside the shop, which an embedded database (inside the app) does not allow.
  (databaseUrl ? it : it.skip)(
    "a payment whose handler keeps failing ends in orders' dead letters without holding back other orders, and settles once replayed",
    async () => {
      const sql = new Client({ connectionString: databaseUrl });
      await sql.connect();
      const unlucky = await api.fundedCustomer(10_000);
      const trigger = `refuse_payments_${unlucky.id.replace(/-/g, '')}`;
      try {
        // Payments fails, inside the transaction of its handler, for every payment of this one customer.
        await sql.query(`
          CREATE FUNCTION payments.${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            IF NEW.customer_id = '${unlucky.id}' THEN RAISE EXCEPTION 'payments are refused for this customer by the dead-letters test'; END IF;
            RETURN NEW;
          END $$`);
        await sql.query(`CREATE TRIGGER ${trigger} BEFORE INSERT ON payments.payments FOR EACH ROW EXECUTE FUNCTION payments.${trigger}()`);

        const stuck = await api.placeOrder(unlucky.id, itemsCosting(700));
        const others = await Promise.all([1, 2, 3].map(async () => api.placeOrder((await api.fundedCustomer(1_000)).id, itemsCosting(300))));

        // The other orders are not held back by the one that keeps failing.
        for (const order of others) expect((await api.settledOrder(order.id)).status).toBe('CONFIRMED');
        const letter = await eventually(
          async () => (await allDeadLetters('orders')).find((candidate) => candidate.payload.orderId === stuck.id),
          (found) => found !== undefined,
          SETTLE_TIMEOUT_MS,
        );
        expect(letter).toMatchObject({
          module: 'orders',
          destination: 'payments',
          name: 'payments.RequestPayment',
          orderingKey: stuck.id,
          attempts: MAX_ATTEMPTS,
          payload: expect.objectContaining({ orderId: stuck.id, customerId: unlucky.id, amountCents: 700 }),
        });
        // In one process the handler's own error is kept; across processes, what the transport carried back of it.
        expect(letter!.lastError).toMatch(topology.processes.length === 1 ? /refused for this customer by the dead-letters test/ : /./);
        expect((await api.order(stuck.id)).status).toBe('PENDING');
        const ordersHost = shop.urls[topology.processes.findIndex((modules) => modules.includes('orders'))];
        expect(String((await new HttpClient(ordersHost).get('/metrics')).body)).toMatch(/^dead_letters\{module="orders"\} [1-9]\d*$/m);
        expect((await allDeadLetters()).some((candidate) => candidate.id === letter!.id)).toBe(true);

        // The fault is removed; the letter is replayed, from the last process (another one than orders', when split).
        await sql.query(`DROP TRIGGER ${trigger} ON payments.payments`);
        const replayed = await api.last.post(replayPath(letter!.id));
        expect(replayed.status).toBe(202);
        expect(replayed.body).toMatchObject({ id: letter!.id, messageId: letter!.messageId, module: 'orders' });

        expect((await api.settledOrder(stuck.id)).status).toBe('CONFIRMED');
        expect((await api.account(unlucky.id)).balanceCents).toBe(10_000 - 700);
        expect((await allDeadLetters('orders')).some((candidate) => candidate.id === letter!.id)).toBe(false);
        const again = await api.first.post(replayPath(letter!.id));
        expectProblem(again, 404);
      } finally {
        await sql.query(`DROP TRIGGER IF EXISTS ${trigger} ON payments.payments`);
        await sql.query(`DROP FUNCTION IF EXISTS payments.${trigger}()`);
        await sql.end();
      }
    },
  );

  // A rolling upgrade: a newer orders writes a version of payments' request that this payments does not know.
  // Planted in SQL beside the shop, as the test above plants its fault.
  (databaseUrl ? it : it.skip)(
    'keeps a message of a version the consumer does not know (payments.RequestPayment@v9) as a dead letter, with the reason',
    async () => {
      const sql = new Client({ connectionString: databaseUrl });
      await sql.connect();
      const messageId = randomUUID();
      const orderId = randomUUID();
      try {
        await sql.query(
          `INSERT INTO orders.outbox (message_id, destination, name, version, ordering_key, payload) VALUES ($1, 'payments', 'payments.RequestPayment', 9, $2, $3)`,
          [messageId, orderId, JSON.stringify({ orderId, customerId: randomUUID(), amount: { cents: 700, currency: 'EUR' } })],
        );
        await sql.query(`SELECT pg_notify('orders_outbox', '')`);
      } finally {
        await sql.end();
      }
      const letter = await eventually(
        async () => (await allDeadLetters('orders')).find((candidate) => candidate.messageId === messageId),
        (found) => found !== undefined,
        SETTLE_TIMEOUT_MS,
      );
      // Set aside at once (no handler will ever accept it), not retried, and readable from any process.
      expect(letter).toMatchObject({ module: 'orders', destination: 'payments', name: 'payments.RequestPayment', version: 9, orderingKey: orderId, attempts: 1 });
      expect(letter!.lastError).toMatch(/^no handler accepts it: .*payments has no handler for payments\.RequestPayment@v9/);
      expect(letter!.payload).toMatchObject({ orderId, amount: { cents: 700, currency: 'EUR' } });
    },
  );

  // Only where a module runs in another process: it can be down while the asking process is up.
  const remoteIndex = topology.processes.findIndex((modules) => modules.length === 1 && modules[0] === 'payments');
  (remoteIndex >= 0 ? it : it.skip)('says which module it could not reach: named in the merged list, 503 when asked for alone', async () => {
    const asking = new HttpClient(shop.urls[remoteIndex === 0 ? 1 : 0], shop.adminHeaders);
    await shop.stopProcess(remoteIndex);
    try {
      const merged = await asking.get(LIST);
      expect(merged.status).toBe(200);
      expect(merged.body.unavailable).toEqual(['payments']);
      expect(Object.keys(merged.body.totals).sort()).toEqual(['customers', 'orders']);
      const alone = await asking.get(`${LIST}?module=payments`);
      expectProblem(alone, 503);
      expect(alone.body.code).toBe('MODULE_UNAVAILABLE');
      // Not found where it could look, but payments might hold it: not a 404.
      const replay = await asking.post(replayPath(randomUUID()));
      expectProblem(replay, 503);
      expect(replay.body.code).toBe('MODULE_UNAVAILABLE');
    } finally {
      await shop.startProcess(remoteIndex);
    }
    await eventually(() => asking.get(`${LIST}?module=payments`), (response) => response.status === 200, SETTLE_TIMEOUT_MS);
  });

  it('answered every request with JSON or a problem, never a server error', async () => {
    await expectWellBehavedAnswers(api.responses);
  });
});
