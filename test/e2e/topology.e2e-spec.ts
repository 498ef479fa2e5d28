import { randomUUID } from 'node:crypto';
import { eventually, HttpClient } from '../support/http-client';
import { RunningShop, startShop } from '../support/running-shop';
import { selectedTopologies } from '../support/topologies';

// What taking a module out must not change: every process answers the whole API, errors mean the same,
// and messages wait for a module that is down instead of being lost.
describe.each(selectedTopologies())('topology: $name', (topology) => {
  let shop: RunningShop;
  let apis: HttpClient[];

  beforeAll(async () => {
    shop = await startShop(topology);
    apis = shop.urls.map((url) => new HttpClient(url, shop.adminHeaders));
  });
  afterAll(() => shop?.stop());

  const signUp = async (api: HttpClient) => {
    const response = await api.post('/api/v1/customers', { name: 'Grace', email: `grace-${randomUUID()}@example.com` });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };

  it('answers the whole API from every process', async () => {
    for (const api of apis) {
      const customerId = await signUp(api);
      expect((await api.post(`/api/v1/accounts/${customerId}/deposits`, { amountCents: 700 })).status).toBe(201);
      const order = await api.post('/api/v1/orders', { customerId, items: [{ sku: 'cup', quantity: 2, unitPriceCents: 250 }] });
      expect(order.status).toBe(202);
      // Read back through every other process too.
      for (const reader of apis) {
        const settled = await eventually(() => reader.get(`/api/v1/orders/${order.body.id}`), (r) => r.body.status !== 'PENDING');
        expect(settled.body).toMatchObject({ status: 'CONFIRMED', totalCents: 500 });
        expect((await reader.get(`/api/v1/accounts/${customerId}`)).body.balanceCents).toBe(200);
      }
    }
  });

  it('keeps the meaning of errors across processes (404, 409, 422)', async () => {
    for (const api of apis) {
      const missing = await api.get(`/api/v1/customers/${randomUUID()}`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toContain('application/problem+json');
      expect(missing.body).toMatchObject({ status: 404, code: 'CUSTOMER_NOT_FOUND' });

      const email = `taken-${randomUUID()}@example.com`;
      expect((await api.post('/api/v1/customers', { name: 'A', email })).status).toBe(201);
      const taken = await api.post('/api/v1/customers', { name: 'B', email: email.toUpperCase() });
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('CUSTOMER_EMAIL_TAKEN');

      const unknownCustomer = await api.post('/api/v1/orders', { customerId: randomUUID(), items: [{ sku: 'x', quantity: 1, unitPriceCents: 1 }] });
      expect(unknownCustomer.status).toBe(422);
      expect(unknownCustomer.body.code).toBe('ORDER_CUSTOMER_UNKNOWN');

      expect((await api.get(`/api/v1/accounts/${randomUUID()}`)).status).toBe(404);
      expect((await api.get(`/api/v1/orders/${randomUUID()}`)).status).toBe(404);
    }
  });

  const paymentsHost = topology.processes.findIndex((modules) => modules.includes('payments'));
  // Only where payments runs alone can orders still be placed while it is down.
  const paymentsAlone = topology.processes.length > 1 && topology.processes[paymentsHost].length === 1;

  (paymentsAlone ? it : it.skip)('delivers the payment request once payments is back, when it was down', async () => {
    const gateway = apis[paymentsHost === 0 ? 1 : 0];
    const customerId = await signUp(gateway);
    // Fund it while payments is up, and let the account open.
    expect((await gateway.post(`/api/v1/accounts/${customerId}/deposits`, { amountCents: 1000 })).status).toBe(201);

    await shop.stopProcess(paymentsHost);
    const order = await gateway.post('/api/v1/orders', { customerId, items: [{ sku: 'pen', quantity: 1, unitPriceCents: 400 }] });
    expect(order.status).toBe(202);
    // A read that needs payments fails fast and says so, rather than hanging.
    const account = await gateway.get(`/api/v1/accounts/${customerId}`);
    expect(account.status).toBe(503);
    expect(account.body.code).toBe('MODULE_UNAVAILABLE');

    await shop.startProcess(paymentsHost);
    const settled = await eventually(() => gateway.get(`/api/v1/orders/${order.body.id}`), (r) => r.body.status !== 'PENDING', 30_000);
    expect(settled.body.status).toBe('CONFIRMED');
    expect((await gateway.get(`/api/v1/accounts/${customerId}`)).body.balanceCents).toBe(600);
  });

  it('keeps remote modules reachable however often readiness pings them', async () => {
    // Over RabbitMQ a ping left unacknowledged holds a place of the consumer's prefetch window (32): enough
    // readiness probes used to stop the module's queue, and every call to it timed out after that.
    for (let probe = 0; probe < 40; probe++) expect((await apis[0].get('/health/ready')).status).toBe(200);
    const customerId = await signUp(apis[0]);
    // The overview calls all three modules, so it reaches whichever of them this process does not host.
    expect((await apis[0].get(`/api/v1/customers/${customerId}/overview`)).status).toBe(200);
  });

  it('keeps every module\'s data across a restart of all its processes', async () => {
    const customerId = await signUp(apis[0]);
    await apis[0].post(`/api/v1/accounts/${customerId}/deposits`, { amountCents: 300 });
    const order = await apis[0].post('/api/v1/orders', { customerId, items: [{ sku: 'mug', quantity: 1, unitPriceCents: 100 }] });
    await eventually(() => apis[0].get(`/api/v1/orders/${order.body.id}`), (r) => r.body.status === 'CONFIRMED');

    for (const index of topology.processes.keys()) await shop.stopProcess(index);
    for (const index of topology.processes.keys()) await shop.startProcess(index);

    expect((await apis[0].get(`/api/v1/customers/${customerId}`)).status).toBe(200);
    expect((await apis[0].get(`/api/v1/orders/${order.body.id}`)).body.status).toBe('CONFIRMED');
    expect((await apis[0].get(`/api/v1/accounts/${customerId}`)).body).toMatchObject({ balanceCents: 200, version: 3 });
  });

  it('exposes Prometheus metrics on every process: routes, module calls (local or remote), delivery', async () => {
    const customerId = await signUp(apis[0]);
    await apis[0].post(`/api/v1/accounts/${customerId}/deposits`, { amountCents: 100 });
    const order = await apis[0].post('/api/v1/orders', { customerId, items: [{ sku: 'tea', quantity: 1, unitPriceCents: 100 }] });
    await eventually(() => apis[0].get(`/api/v1/orders/${order.body.id}`), (r) => r.body.status === 'CONFIRMED');

    const scrape = await new HttpClient(shop.urls[0]).get('/metrics');
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toContain('text/plain');
    const text: string = scrape.body;
    expect(text).toMatch(/http_requests_total\{method="POST",route="\/api\/v1\/orders",status="202"\} \d+/);
    expect(text).toContain('http_request_duration_seconds_bucket');
    expect(text).toContain('process_cpu_seconds_total');
    expect(text).toContain('outbox_pending_messages');
    const ordersMode = topology.processes[0].includes('orders') ? 'local' : 'remote';
    expect(text).toMatch(new RegExp(`module_call_duration_seconds_count\\{caller="http",callee="orders",method="place",mode="${ordersMode}",outcome="ok"\\} \\d+`));
    const ordersHost = topology.processes.findIndex((modules) => modules.includes('orders'));
    const ordersMetrics: string = (await new HttpClient(shop.urls[ordersHost]).get('/metrics')).body;
    expect(ordersMetrics).toMatch(/message_delivery_lag_seconds_count\{source="orders",destination="payments"\} [1-9]/);
    // The orders process is the one sender of its outbox; payments, wherever it runs, handled what it sent.
    expect(ordersMetrics).toMatch(/outbox_relay_leader\{module="orders"\} 1/);
    expect(ordersMetrics).toMatch(/outbox_messages_sent_total\{source="orders",destination="payments"\} [1-9]/);
    const paymentsHost = topology.processes.findIndex((modules) => modules.includes('payments'));
    const paymentsMetrics: string = (await new HttpClient(shop.urls[paymentsHost]).get('/metrics')).body;
    expect(paymentsMetrics).toMatch(/inbox_messages_total\{module="payments",outcome="handled"\} [1-9]/);
  });
});

