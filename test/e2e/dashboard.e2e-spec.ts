import { randomUUID } from 'node:crypto';
import { ModuleName } from '../../src/module-kit/config/module-name';
import { expectProblem } from '../support/problems';
import { eventually, HttpClient } from '../support/http-client';
import { RunningShop, startShop } from '../support/running-shop';
import { ShopApi } from '../support/shop-api';
import { bearer, tokenFor } from '../support/tokens';
import { TOPOLOGIES } from '../support/topologies';

// The dashboard over HTTP: every process serves its static page without a token, describes the topology as it
// sees it (with the processes of the whole shop and the arrows between modules), and gathers what every process
// is doing: outbox routes, call latencies and the messages each saw.
const topologies = TOPOLOGIES.filter((t) => t.name === 'monolith' || t.name === 'all apart');

describe.each(topologies)('dashboard ($name)', (topology) => {
  let shop: RunningShop;
  let api: ShopApi;
  const split = topology.processes.length > 1;

  beforeAll(async () => {
    shop = await startShop(topology);
    api = new ShopApi(shop.urls, shop.adminHeaders);
  });
  afterAll(() => shop?.stop());

  it('serves the page and its files without a token, under a CSP that runs no inline script', async () => {
    const anonymous = new HttpClient(shop.urls[0]);
    const page = await anonymous.get('/dashboard');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('<script type="module" src="/dashboard/dashboard.js"></script>');
    expect(page.body).not.toMatch(/<script>|<script type="module">|\son\w+="/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    // Served over plain HTTP: nothing may send the browser to HTTPS, or the page loads unstyled and inert.
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(page.headers.get('strict-transport-security')).toBeNull();

    const script = await anonymous.get('/dashboard/dashboard.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    // Its modules, each a file of this origin too.
    for (const [, file] of String(script.body).matchAll(/from '\.\/([\w-]+\.js)'/g)) {
      expect((await anonymous.get(`/dashboard/${file}`)).headers.get('content-type')).toContain('text/javascript');
    }
    expect((await anonymous.get('/dashboard/dashboard.css')).headers.get('content-type')).toContain('text/css');
    // The dead letters are read from the admin API with the token the user gives the page, never served by the page itself.
    expect(String((await anonymous.get('/dashboard/dead-letters.js')).body)).toContain("'/api/v1/admin/dead-letters?limit=50'");
    expectProblem(await anonymous.get('/dashboard/not-a-file.js'), 404);
  });

  it('tells each process which modules run where, and draws the calls and messages between them by how they travel', async () => {
    for (const [index, url] of shop.urls.entries()) {
      const response = await new HttpClient(url).get('/dashboard/api/topology');
      expect(response.status).toBe(200);
      const hosted = topology.processes[index];
      const transport = shop.envs[index].TRANSPORT ?? 'tcp';
      expect(response.body.process).toEqual({ modules: hosted, transport });
      // Every process of the shop, this one first, each as the modules it hosts.
      expect(response.body.processes[0]).toEqual({ modules: hosted, here: true, answering: true });
      expect(new Set(response.body.processes.map((p: { modules: string[] }) => p.modules.join('+')))).toEqual(new Set(topology.processes.map((modules) => modules.join('+'))));
      expect(response.body.modules.map((m: { name: string }) => m.name)).toEqual(['customers', 'orders', 'payments']);
      for (const module of response.body.modules) {
        const local = hosted.includes(module.name);
        expect(module).toMatchObject({ location: local ? 'local' : 'remote', via: local ? 'in-process' : transport, healthy: true });
        // A remote module as /health/dependencies reports it: this process's breaker and the last round trip.
        if (!local) expect(module).toMatchObject({ breaker: 'closed', checkMs: expect.any(Number) });
        expect(module.port).toMatch(/Port$/);
      }
      const via = split ? transport : 'in-process';
      expect(response.body.calls).toContainEqual({ from: 'orders', to: 'customers', methods: ['get'], via });
      expect(response.body.messages).toContainEqual({ from: 'orders', to: 'payments', messages: ['payments.RequestPayment@v1', 'payments.RequestRefund@v1'], via });
      // Orders hears its own events for its read model: always in its own process.
      expect(response.body.messages).toContainEqual(expect.objectContaining({ from: 'orders', to: 'orders', via: 'in-process' }));
      // Served without a token: no address, URL or secret of the deployment.
      expect(JSON.stringify(response.body)).not.toMatch(/:\/\/|127\.0\.0\.1|secret/i);
    }
  });

  it('gathers from every process the messages of an order, its outbox routes and its calls, with ids and amounts only', async () => {
    const startedAt = Date.now();
    const email = `dash-${randomUUID()}@example.com`;
    const customer = await api.signUp('Dashboard Watcher', email);
    await api.deposit(customer.id, 1000);
    const order = await api.placeOrder(customer.id, [{ sku: 'lamp', quantity: 2, unitPriceCents: 150 }]);
    await api.settledOrder(order.id);

    for (const url of shop.urls) {
      const client = new HttpClient(url);
      const seenBy = (stage: string, name: string) => (r: { body: { events: Array<{ orderId?: string; stage: string; name: string }> } }) =>
        r.body.events.some((e) => e.orderId === order.id && e.stage === stage && e.name === name);
      // The saga's last message is handled a moment after the order reads CONFIRMED.
      const activity = await eventually(() => client.get(`/dashboard/api/activity?since=${startedAt - 1}`), seenBy('handled', 'orders.OrderConfirmed'));
      const { events, routes, calls, processes, silent } = activity.body;
      expect(new Set(processes)).toEqual(new Set(topology.processes.map((modules) => modules.join('+'))));
      expect(silent).toEqual([]);

      const ofOrder = events.filter((e: { orderId?: string }) => e.orderId === order.id);
      const hostOf = (module: ModuleName) => topology.processes.find((modules) => modules.includes(module))!.join('+');
      // Each message as the process that saw it: the relay of its source delivered it, the inbox of its destination handled it.
      expect(ofOrder).toContainEqual(expect.objectContaining({ stage: 'delivered', name: 'payments.RequestPayment', process: hostOf('orders'), source: 'orders', destination: 'payments' }));
      expect(ofOrder).toContainEqual(expect.objectContaining({ stage: 'handled', name: 'payments.RequestPayment', process: hostOf('payments'), amounts: { amountCents: 300 } }));
      expect(ofOrder).toContainEqual(expect.objectContaining({ stage: 'delivered', name: 'payments.PaymentCaptured', process: hostOf('payments') }));
      const placed = ofOrder.find((e: { name: string; stage: string }) => e.name === 'orders.OrderPlaced' && e.stage === 'delivered');
      expect(placed).toEqual({
        stage: 'delivered',
        name: 'orders.OrderPlaced',
        version: 1,
        source: 'orders',
        destination: 'orders',
        messageId: expect.any(String),
        occurredAt: expect.any(String),
        at: expect.any(String),
        orderId: order.id,
        ids: { customerId: customer.id },
        amounts: { totalCents: 300 },
        traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
        process: hostOf('orders'),
      });
      // Every message of the order travels in the trace of the request that placed it.
      expect(new Set(ofOrder.map((e: { traceId: string }) => e.traceId))).toEqual(new Set([placed.traceId]));
      // The payloads' other fields (items, names, emails) never reach this public view.
      const raw = JSON.stringify(activity.body);
      expect(raw).not.toContain('lamp');
      expect(raw).not.toContain(email);
      expect(raw).not.toContain('Dashboard Watcher');

      expect(routes).toContainEqual(expect.objectContaining({ source: 'orders', destination: 'payments', sent: expect.any(Number), pending: 0 }));
      expect(routes.find((r: { source: string; destination: string }) => r.source === 'orders' && r.destination === 'payments').sent).toBeGreaterThanOrEqual(1);
      // Placing the order asked customers whether the customer may order: a method call in the monolith, over the transport apart.
      const modes = calls.filter((c: { callee: string; method: string }) => c.callee === 'customers' && c.method === 'get').map((c: { mode: string }) => c.mode);
      expect(modes.sort()).toEqual(split ? ['local', 'remote'] : ['local']);
      for (const call of calls) expect(call).toEqual({ callee: expect.any(String), method: expect.any(String), mode: expect.stringMatching(/^(local|remote)$/), count: expect.any(Number), meanMs: expect.any(Number), p50Ms: expect.any(Number), p95Ms: expect.any(Number) });
    }

    const client = new HttpClient(shop.urls[0]);
    // `since` leaves out what was seen before it; it is an instant in epoch milliseconds.
    expect((await client.get(`/dashboard/api/activity?since=${Date.now() + 60_000}`)).body.events).toEqual([]);
    expectProblem(await client.get('/dashboard/api/activity?since=yesterday'), 400);
  });

  it('shows the trace of a placed order, from every process it went through, to an admin only', async () => {
    const customer = await api.fundedCustomer(500);
    const placed = await api.first.post('/api/v1/orders', { customerId: customer.id, items: [{ sku: 'mug', quantity: 1, unitPriceCents: 200 }] });
    expect(placed.status).toBe(202);
    const traceId = placed.headers.get('trace-id') ?? '';
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    await api.settledOrder(placed.body.id);

    const path = `/dashboard/api/traces/${traceId}`;
    expect((await new HttpClient(shop.urls[0]).get(path)).status).toBe(401);
    expect((await new HttpClient(shop.urls[0], bearer(tokenFor(customer.id, 'customer'))).get(path)).status).toBe(403);
    const admin = new HttpClient(shop.urls[0], shop.adminHeaders);
    expect((await admin.get('/dashboard/api/traces/not-a-trace')).status).toBe(400);
    // Spans are kept by each process as they end: the saga's last ones come a moment after the order settles.
    const trace = await eventually(
      () => admin.get(path),
      (r) => r.status !== 200 || new Set(r.body.spans.map((s: { process: string }) => s.process)).size >= (split ? 2 : 1),
    );
    expect(trace.status).toBe(200);
    expect(trace.body.traceId).toBe(traceId);
    for (const span of trace.body.spans) expect(span).toMatchObject({ traceId, spanId: expect.any(String), name: expect.any(String), process: expect.any(String) });
  });

  if (split) {
    it('shows a stopped process as not answering, as it was last seen, and what waits for it in the outboxes', async () => {
      const paymentsHost = topology.processes.findIndex((modules) => modules.includes('payments'));
      const ordersHost = topology.processes.findIndex((modules) => modules.includes('orders'));
      const client = new HttpClient(shop.urls[ordersHost]);
      const customer = await api.fundedCustomer(1000);
      await shop.stopProcess(paymentsHost);
      try {
        const order = await api.clients[ordersHost].post('/api/v1/orders', { customerId: customer.id, items: [{ sku: 'cup', quantity: 1, unitPriceCents: 100 }] });
        expect(order.status).toBe(202);

        const view = (await client.get('/dashboard/api/topology')).body;
        expect(view.processes).toContainEqual({ modules: topology.processes[paymentsHost], here: false, answering: false });
        expect(view.modules).toContainEqual(expect.objectContaining({ name: 'payments', location: 'remote', healthy: false }));
        const activity = await eventually(
          () => client.get('/dashboard/api/activity'),
          (r) => r.body.routes.some((route: { source: string; destination: string; pending: number }) => route.source === 'orders' && route.destination === 'payments' && route.pending >= 1),
        );
        expect(activity.body.silent).toEqual(topology.processes[paymentsHost]);
        // The relay's tries are seen: failed, not counted as attempts, since payments was not reached.
        const failed = await eventually(
          () => client.get('/dashboard/api/activity'),
          (r) => r.body.events.some((e: { orderId?: string; stage: string }) => e.orderId === order.body.id && e.stage === 'failed'),
        );
        expect(failed.body.events).toContainEqual(expect.objectContaining({ orderId: order.body.id, stage: 'failed', name: 'payments.RequestPayment', failure: 'unavailable', attempts: 0 }));
      } finally {
        await shop.startProcess(paymentsHost);
      }
    });
  }
});
