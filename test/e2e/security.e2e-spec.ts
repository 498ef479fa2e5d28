import { randomUUID } from 'node:crypto';
import { eventually, HttpClient } from '../support/http-client';
import { expectProblem } from '../support/problems';
import { RunningShop, startShop } from '../support/running-shop';
import { bearer, tokenFor } from '../support/tokens';
import { selectedTopologies } from '../support/topologies';

const unsigned = (claims: object) =>
  `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;

describe.each(selectedTopologies())('security ($name)', (topology) => {
  let shop: RunningShop;
  let anonymous: HttpClient;
  let admin: HttpClient;
  let alice: { id: string; api: HttpClient; orderId: string };
  let bob: { id: string; api: HttpClient; orderId: string };

  const customerWithOrder = async () => {
    const signUp = await anonymous.post('/api/v1/customers', { name: 'C', email: `c-${randomUUID()}@example.com` });
    expect(signUp.status).toBe(201);
    const api = new HttpClient(shop.urls[shop.urls.length - 1], bearer(tokenFor(signUp.body.id, 'customer')));
    expect((await api.post(`/api/v1/accounts/${signUp.body.id}/deposits`, { amountCents: 500 })).status).toBe(201);
    const order = await api.post('/api/v1/orders', { customerId: signUp.body.id, items: [{ sku: 'a', quantity: 1, unitPriceCents: 100 }] });
    expect(order.status).toBe(202);
    await eventually(() => api.get(`/api/v1/orders/${order.body.id}`), (r) => r.body.status === 'CONFIRMED');
    return { id: signUp.body.id as string, api, orderId: order.body.id as string };
  };

  beforeAll(async () => {
    shop = await startShop(topology);
    anonymous = new HttpClient(shop.urls[0]);
    admin = new HttpClient(shop.urls[0], shop.adminHeaders);
    alice = await customerWithOrder();
    bob = await customerWithOrder();
  });
  afterAll(() => shop?.stop());

  const protectedRoutes = () => [
    ['GET', '/api/v1/customers'],
    ['GET', `/api/v1/customers/${alice.id}`],
    ['GET', `/api/v1/customers/${alice.id}/overview`],
    ['GET', `/api/v1/accounts/${alice.id}`],
    ['GET', `/api/v1/orders/${alice.orderId}`],
    ['GET', `/api/v1/orders/${alice.orderId}/saga`],
    ['GET', `/api/v1/payments?orderId=${alice.orderId}`],
  ];

  it('answers 401 with a problem and WWW-Authenticate when there is no token', async () => {
    for (const [method, path] of protectedRoutes()) {
      const response = await anonymous.request(method, path);
      expectProblem(response, 401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it.each([
    ['alg none', () => unsigned({ sub: 'x', role: 'admin', exp: Math.floor(Date.now() / 1000) + 3600 })],
    ['a bad signature', () => tokenFor('x', 'admin', 'another-secret-that-is-long-enough-0123456789')],
    ['an expired token', () => tokenFor('x', 'admin', undefined, -10)],
    ['garbage', () => 'not.a.jwt'],
  ])('refuses (401) %s', async (_, token) => {
    for (const [method, path] of protectedRoutes()) expectProblem(await anonymous.request(method, path, undefined, bearer(token())), 401);
  });

  it('lets anyone sign up and check health without a token', async () => {
    expect((await anonymous.post('/api/v1/customers', { name: 'New', email: `n-${randomUUID()}@example.com` })).status).toBe(201);
    expect((await anonymous.get('/health/live')).status).toBe(200);
    expect((await anonymous.get('/health/ready')).status).toBe(200);
  });

  it('lets a customer reach their own customer, account, orders and payments', async () => {
    for (const path of [
      `/api/v1/customers/${alice.id}`,
      `/api/v1/customers/${alice.id}/overview`,
      `/api/v1/accounts/${alice.id}`,
      `/api/v1/accounts/${alice.id}/events`,
      `/api/v1/orders/${alice.orderId}`,
      `/api/v1/orders/${alice.orderId}/saga`,
      `/api/v1/orders?customerId=${alice.id}`,
      `/api/v1/payments?orderId=${alice.orderId}`,
    ]) {
      expect({ path, status: (await alice.api.get(path)).status }).toEqual({ path, status: 200 });
    }
  });

  it("refuses (403) a customer anything of another customer's, and the lists of everyone", async () => {
    const refused = [
      await alice.api.get(`/api/v1/customers/${bob.id}`),
      await alice.api.get(`/api/v1/customers/${bob.id}/overview`),
      await alice.api.patch(`/api/v1/customers/${bob.id}`, { name: 'Mallory' }),
      await alice.api.delete(`/api/v1/customers/${bob.id}`),
      await alice.api.get(`/api/v1/accounts/${bob.id}`),
      await alice.api.post(`/api/v1/accounts/${bob.id}/deposits`, { amountCents: 1 }),
      await alice.api.get(`/api/v1/orders/${bob.orderId}`),
      await alice.api.get(`/api/v1/orders/${bob.orderId}/saga`),
      await alice.api.post(`/api/v1/orders/${bob.orderId}/cancel`),
      await alice.api.post('/api/v1/orders', { customerId: bob.id, items: [{ sku: 'a', quantity: 1, unitPriceCents: 1 }] }),
      await alice.api.get(`/api/v1/orders?customerId=${bob.id}`),
      await alice.api.get('/api/v1/orders'),
      await alice.api.get(`/api/v1/payments?orderId=${bob.orderId}`),
      await alice.api.get('/api/v1/customers'),
    ];
    for (const response of refused) expectProblem(response, 403);
    // Nothing was changed by the refused writes.
    expect((await admin.get(`/api/v1/customers/${bob.id}`)).body.name).toBe('C');
    expect((await admin.get(`/api/v1/orders/${bob.orderId}`)).body.status).toBe('CONFIRMED');
    expect((await admin.get(`/api/v1/accounts/${bob.id}`)).body.balanceCents).toBe(400);
  });

  it('lets an admin reach everything', async () => {
    for (const [method, path] of protectedRoutes()) expect((await admin.request(method, path)).status).toBe(200);
  });

  it('allows the origins in CORS_ORIGINS, and only those', async () => {
    const corsShop = await startShop({ name: 'monolith', processes: [['customers', 'orders', 'payments']] }, { ...process.env, CORS_ORIGINS: 'https://shop.example.com' });
    try {
      const client = new HttpClient(corsShop.urls[0]);
      const allowed = await client.request('GET', '/health/live', undefined, { origin: 'https://shop.example.com' });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
      const other = await client.request('GET', '/health/live', undefined, { origin: 'https://evil.example' });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await corsShop.stop();
    }
  });

  it('sends security headers and no CORS permission', async () => {
    const response = await anonymous.request('GET', '/health/live', undefined, { origin: 'https://evil.example' });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
