import { randomUUID } from 'node:crypto';
import { eventually, HttpClient, HttpResult } from '../support/http-client';
import { expectProblem } from '../support/problems';
import { RunningShop, startShop } from '../support/running-shop';
import { itemsCosting, Order, ShopApi } from '../support/shop-api';
import { selectedTopologies, Topology } from '../support/topologies';

// Past its backlog bound, orders sheds new orders (503 OVERLOADED with Retry-After) instead of queueing them
// behind the ones it cannot settle yet. To be deterministic on a loaded machine, nothing drains while the
// bound is tested: payments runs in a process of its own and is stopped, so every payment request waits in
// orders' outbox. So this runs where payments has a process to itself; the monolith cannot stop it alone.
const topologies = selectedTopologies().filter((t) => t.processes.some((modules) => modules.length === 1 && modules[0] === 'payments'));
const describeEach = topologies.length > 0 ? describe.each(topologies) : describe.skip.each([{ name: 'no topology with payments alone selected', processes: [] } as Topology]);

const ORDER_CENTS = 300;

describeEach('load shedding ($name)', (topology) => {
  const paymentsHost = topology.processes.findIndex((modules) => modules.includes('payments'));
  const ordersHost = topology.processes.findIndex((modules) => modules.includes('orders'));

  describe('with BACKLOG_LIMIT=5', () => {
    let shop: RunningShop;
    let api: ShopApi;
    let orders: HttpClient;

    beforeAll(async () => {
      shop = await startShop(topology, { ...process.env, BACKLOG_LIMIT: '5', BACKLOG_MAX_AGE_MS: '0' });
      api = new ShopApi(shop.urls, shop.adminHeaders);
      orders = api.clients[ordersHost];
    });
    afterAll(() => shop?.stop());

    it('accepts exactly 5 orders while nothing drains, sheds the next, still answers a replay, and accepts again once drained', async () => {
      const customer = await api.fundedCustomer(10 * ORDER_CENTS);
      await shop.stopProcess(paymentsHost);
      const accepted: Array<{ key: string; order: Order }> = [];
      try {
        for (let i = 0; i < 5; i += 1) {
          const key = randomUUID();
          const response = await place(orders, customer.id, key);
          expect(response.status).toBe(202);
          accepted.push({ key, order: response.body });
        }

        // Asked of every running process: one without orders reaches it over the transport and answers the same.
        for (const client of api.clients.filter((_, index) => index !== paymentsHost)) {
          const shed = await place(client, customer.id, randomUUID());
          expectProblem(shed, 503);
          expect(shed.body.code).toBe('OVERLOADED');
          expect(Number(shed.headers.get('retry-after'))).toBeGreaterThan(0);
        }

        // A request that was accepted is not new work: its replay answers what it answered then.
        const replay = await place(orders, customer.id, accepted[0].key);
        expect(replay.status).toBe(202);
        expect(replay.body).toEqual(accepted[0].order);

        const metrics = String((await orders.get('/metrics')).body);
        expect(sample(metrics, 'requests_shed_total{module="orders"}')).toBeGreaterThanOrEqual(1);
        expect(sample(metrics, 'outbox_oldest_message_age_seconds{source="orders",destination="payments"}')).toBeGreaterThan(0);
      } finally {
        await shop.startProcess(paymentsHost);
      }

      // Once payments is back the backlog drains and a new order is accepted (one key: at most one order).
      const again = randomUUID();
      const next = await eventually(() => place(orders, customer.id, again), (response) => response.status === 202, 90_000);
      for (const { order } of [...accepted, { order: next.body }]) expect((await api.settledOrder(order.id, 90_000)).status).toBe('CONFIRMED');
      // Six orders charged: the shed request made none.
      expect((await api.account(customer.id)).balanceCents).toBe(10 * ORDER_CENTS - 6 * ORDER_CENTS);
    });
  });

  describe('with BACKLOG_MAX_AGE_MS=2000', () => {
    let shop: RunningShop;
    let api: ShopApi;

    beforeAll(async () => {
      shop = await startShop(topology, { ...process.env, BACKLOG_MAX_AGE_MS: '2000', BACKLOG_LIMIT: '' });
      api = new ShopApi(shop.urls, shop.adminHeaders);
    });
    afterAll(() => shop?.stop());

    it('sheds once the oldest waiting payment request is older than the bound, and takes orders again once it is delivered', async () => {
      const orders = api.clients[ordersHost];
      const customer = await api.fundedCustomer(100 * ORDER_CENTS);
      await shop.stopProcess(paymentsHost);
      let shed: HttpResult;
      try {
        const first = await place(orders, customer.id, randomUUID());
        expect(first.status).toBe(202);
        // However slow the machine, the request waits in the outbox until payments is back: it grows old.
        shed = await eventually(() => place(orders, customer.id, randomUUID()), (response) => response.status === 503, 60_000);
      } finally {
        await shop.startProcess(paymentsHost);
      }
      expect(shed.body.code).toBe('OVERLOADED');
      const again = randomUUID();
      expect((await eventually(() => place(orders, customer.id, again), (response) => response.status === 202, 90_000)).status).toBe(202);
    });
  });
});

function place(client: HttpClient, customerId: string, idempotencyKey: string): Promise<HttpResult> {
  return client.post('/api/v1/orders', { customerId, items: itemsCosting(ORDER_CENTS) }, { 'Idempotency-Key': idempotencyKey });
}

function sample(metrics: string, series: string): number {
  const line = metrics.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.split(' ').pop()) : 0;
}
