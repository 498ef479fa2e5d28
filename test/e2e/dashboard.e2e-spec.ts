import { randomUUID } from 'node:crypto';
import { EventStream, ServerSentEvent } from '../support/event-stream';
import { eventually, HttpClient } from '../support/http-client';
import { RunningShop, startShop } from '../support/running-shop';
import { ShopApi } from '../support/shop-api';
import { bearer, tokenFor } from '../support/tokens';
import { TOPOLOGIES } from '../support/topologies';

// The dashboard over HTTP: every process serves it without a token, describes the topology as it sees it,
// and streams the messages of an order as they pass through it.
const topologies = TOPOLOGIES.filter((t) => t.name === 'monolith' || t.name === 'all apart');

describe.each(topologies)('dashboard ($name)', (topology) => {
  let shop: RunningShop;
  let api: ShopApi;
  const streams: EventStream[] = [];

  beforeAll(async () => {
    shop = await startShop(topology);
    api = new ShopApi(shop.urls, shop.adminHeaders);
  });
  afterAll(async () => {
    streams.forEach((stream) => stream.close());
    await shop?.stop();
  });

  const openStream = async (url: string) => {
    const { stream, response } = await EventStream.open(`${url}/dashboard/events`);
    streams.push(stream);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    await stream.until((events) => events.some((e) => e.type === 'ready'));
    return stream;
  };
  const ofOrder = (events: ServerSentEvent[], orderId: string) => events.filter((e) => e.type === 'message' && e.data.orderId === orderId).map((e) => e.data);
  const seen = (events: ServerSentEvent[], orderId: string, stage: string, name: string) =>
    ofOrder(events, orderId).some((e) => e.stage === stage && e.name === name);

  it('serves the page, its script and its style without a token, under a CSP that runs no inline script', async () => {
    const anonymous = new HttpClient(shop.urls[0]);
    const page = await anonymous.get('/dashboard');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('<script src="/dashboard/dashboard.js"></script>');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    // Served over plain HTTP: nothing may send the browser to HTTPS, or the page loads unstyled and inert.
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(page.headers.get('strict-transport-security')).toBeNull();
    const script = await anonymous.get('/dashboard/dashboard.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(String(script.body)).toContain("new EventSource('/dashboard/events')");
    // The dead letters are read from the admin API with the token the user pastes, never served by the page itself.
    expect(page.body).toContain('id="dead-letters"');
    expect(String(script.body)).toContain("'/api/v1/admin/dead-letters?limit=50'");
    expect((await anonymous.get('/dashboard/dashboard.css')).headers.get('content-type')).toContain('text/css');
  });

  it('tells each process which modules run in it and which are remote, and that all are healthy', async () => {
    for (const [index, url] of shop.urls.entries()) {
      const response = await new HttpClient(url).get('/dashboard/api/topology');
      expect(response.status).toBe(200);
      const hosted = topology.processes[index];
      const transport = shop.envs[index].TRANSPORT ?? 'tcp';
      expect(response.body.process).toEqual({ modules: hosted, transport });
      expect(response.body.modules.map((m: { name: string }) => m.name)).toEqual(['customers', 'orders', 'payments']);
      for (const module of response.body.modules) {
        const local = hosted.includes(module.name);
        expect(module).toMatchObject({ location: local ? 'local' : 'remote', via: local ? 'in-process' : transport, healthy: true });
        // A remote module as /health/dependencies reports it: this process's breaker and the last round trip.
        if (!local) expect(module).toMatchObject({ breaker: 'closed', checkMs: expect.any(Number) });
        expect(module.port).toMatch(/Port$/);
      }
      // Served without a token: no address, URL or secret of the deployment.
      expect(JSON.stringify(response.body)).not.toMatch(/:\/\/|127\.0\.0\.1|secret/i);
    }
  });

  it('streams the messages of a placed order, as each process delivers and handles them, with ids and amounts only', async () => {
    const ordersHost = topology.processes.findIndex((modules) => modules.includes('orders'));
    const paymentsHost = topology.processes.findIndex((modules) => modules.includes('payments'));
    const ordersStream = await openStream(shop.urls[ordersHost]);
    const paymentsStream = paymentsHost === ordersHost ? ordersStream : await openStream(shop.urls[paymentsHost]);

    const email = `dash-${randomUUID()}@example.com`;
    const customer = await api.signUp('Dashboard Watcher', email);
    await api.deposit(customer.id, 1000);
    const order = await api.placeOrder(customer.id, [{ sku: 'lamp', quantity: 2, unitPriceCents: 150 }]);

    await ordersStream.until((events) => seen(events, order.id, 'handled', 'orders.OrderConfirmed'));
    await paymentsStream.until((events) => seen(events, order.id, 'delivered', 'payments.PaymentCaptured'));
    const inOrders = ofOrder(ordersStream.events, order.id);
    expect(seen(ordersStream.events, order.id, 'delivered', 'orders.OrderPlaced')).toBe(true);
    expect(seen(ordersStream.events, order.id, 'delivered', 'payments.RequestPayment')).toBe(true);
    expect(seen(ordersStream.events, order.id, 'handled', 'payments.PaymentCaptured')).toBe(true);
    expect(seen(paymentsStream.events, order.id, 'handled', 'payments.RequestPayment')).toBe(true);

    const placed = inOrders.find((e) => e.name === 'orders.OrderPlaced' && e.stage === 'delivered');
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
    });
    // Every message of the order travels in the trace of the request that placed it.
    expect(new Set(inOrders.map((e) => e.traceId))).toEqual(new Set([placed.traceId]));
    const request = inOrders.find((e) => e.name === 'payments.RequestPayment');
    expect(request).toMatchObject({ source: 'orders', destination: 'payments', amounts: { amountCents: 300 } });
    // The payloads' other fields (items, names, emails) never reach this public stream.
    for (const stream of [ordersStream, paymentsStream]) {
      expect(stream.raw).not.toContain('lamp');
      expect(stream.raw).not.toContain(email);
      expect(stream.raw).not.toContain('Dashboard Watcher');
    }
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
      (r) => r.status !== 200 || new Set(r.body.spans.map((s: { process: string }) => s.process)).size >= (topology.processes.length > 1 ? 2 : 1),
    );
    expect(trace.status).toBe(200);
    expect(trace.body.traceId).toBe(traceId);
    for (const span of trace.body.spans) expect(span).toMatchObject({ traceId, spanId: expect.any(String), name: expect.any(String), process: expect.any(String) });
  });

  it('ends its open streams when the process stops, so that they never hold up a shutdown', async () => {
    const last = shop.urls.length - 1;
    const stream = await openStream(shop.urls[last]);
    await shop.stopProcess(last);
    await stream.ended();
  });
});
