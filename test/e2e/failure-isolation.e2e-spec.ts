import { eventually, HttpClient } from '../support/http-client';
import { expectProblem } from '../support/problems';
import { RunningShop, startShop } from '../support/running-shop';
import { itemsCosting, Order, ShopApi } from '../support/shop-api';
import { selectedTopologies } from '../support/topologies';

// A module taken out runs as a real service: when it fails, it fails alone. With the payments process stopped,
// every other process stays ready and keeps serving its own modules; payments' endpoints answer 503
// MODULE_UNAVAILABLE with Retry-After; orders placed meanwhile wait in the outbox (PENDING) and are
// confirmed once payments is back. Run where payments has a process of its own: in the monolith there is
// nothing to isolate, and where payments shares its process with customers or orders, stopping it stops them too.
const topologies = selectedTopologies().filter((t) => t.processes.some((modules) => modules.length === 1 && modules[0] === 'payments'));
const describeEach = topologies.length > 0 ? describe.each(topologies) : describe.skip.each([{ name: 'no topology with payments alone selected', processes: [] }]);

describeEach('with payments down ($name)', (topology) => {
  let shop: RunningShop;
  let api: ShopApi;
  const paymentsHost = topology.processes.findIndex((modules) => modules.includes('payments'));
  const ordersHost = topology.processes.findIndex((modules) => modules.includes('orders'));
  const others = topology.processes.map((_, index) => index).filter((index) => index !== paymentsHost);

  beforeAll(async () => {
    shop = await startShop(topology);
    api = new ShopApi(shop.urls, shop.adminHeaders);
  });
  afterAll(() => shop?.stop());

  it('keeps the other processes ready and serving, answers 503 for payments, and settles the orders placed meanwhile once it is back', async () => {
    const customer = await api.fundedCustomer(5000);
    await shop.stopProcess(paymentsHost);
    const placed: Order[] = [];
    try {
      for (const index of others) {
        const client = api.clients[index];
        expect((await client.get('/health/ready')).status).toBe(200);

        const dependencies = await client.get('/health/dependencies');
        expect(dependencies.status).toBe(200);
        expect(dependencies.body.status).toBe('degraded');
        expect(dependencies.body.modules).toContainEqual(expect.objectContaining({ name: 'payments', status: 'down' }));
        for (const module of dependencies.body.modules.filter((m: { name: string }) => m.name !== 'payments')) expect(module.status).toBe('up');

        const topologyView = await client.get('/dashboard/api/topology');
        expect(topologyView.body.modules).toContainEqual(expect.objectContaining({ name: 'payments', location: 'remote', healthy: false, breaker: expect.any(String) }));

        expect((await client.get(`/api/v1/customers/${customer.id}`)).status).toBe(200);
        expect((await client.get(`/api/v1/orders?customerId=${customer.id}`)).status).toBe(200);

        for (const response of [
          await client.get(`/api/v1/accounts/${customer.id}`),
          await client.post(`/api/v1/accounts/${customer.id}/deposits`, { amountCents: 100 }),
          await client.get(`/api/v1/payments?orderId=${customer.id}`),
        ]) {
          expectProblem(response, 503);
          expect(response.body.code).toBe('MODULE_UNAVAILABLE');
          expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        }

        const order = await client.post<Order>('/api/v1/orders', { customerId: customer.id, items: itemsCosting(700) });
        expect(order.status).toBe(202);
        placed.push(order.body);
      }

      // The payment requests wait in the orders outbox: the orders stay PENDING while the relay keeps retrying.
      const orders = api.clients[ordersHost];
      const backlog = await eventually(() => pendingFor(orders, 'payments'), (pending) => pending >= placed.length, 30_000);
      expect(backlog).toBeGreaterThanOrEqual(placed.length);
      for (const order of placed) expect((await orders.get<Order>(`/api/v1/orders/${order.id}`)).body.status).toBe('PENDING');
    } finally {
      await shop.startProcess(paymentsHost);
    }

    for (const order of placed) expect((await api.settledOrder(order.id, 90_000)).status).toBe('CONFIRMED');
    expect((await api.account(customer.id)).balanceCents).toBe(5000 - 700 * placed.length);
    for (const index of others) {
      const dependencies = await eventually(() => api.clients[index].get('/health/dependencies'), (r) => r.body.status === 'ok', 30_000);
      expect(dependencies.body.modules).toContainEqual(expect.objectContaining({ name: 'payments', status: 'up' }));
    }
  });
});

/** The messages from orders to `destination` not delivered yet, as /metrics reports the outbox backlog. */
async function pendingFor(orders: HttpClient, destination: string): Promise<number> {
  const metrics = String((await orders.get('/metrics')).body);
  const line = metrics.split('\n').find((l) => l.startsWith(`outbox_pending_messages{source="orders",destination="${destination}"}`));
  return line ? Number(line.split(' ').pop()) : 0;
}
