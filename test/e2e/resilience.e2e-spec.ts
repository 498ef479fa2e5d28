import { randomUUID } from 'node:crypto';
import { eventually, HttpClient } from '../support/http-client';
import { RunningShop, startShop } from '../support/running-shop';
import { TOPOLOGIES } from '../support/topologies';

const paymentsOut = TOPOLOGIES.find((topology) => topology.name === 'payments out')!;

/** A GET that must be answered within 2 s: a caller is never left waiting on a module that is down. */
async function promptGet(url: string, headers: Record<string, string>) {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(2000) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

// A module that is down costs its callers nothing but a prompt 503: the circuit breaker stops calling it
// after a few failures, and a probe lets calls through again once it is back.
describe('resilience: a remote module goes down and comes back (payments out)', () => {
  let shop: RunningShop;
  let gateway: HttpClient;
  const paymentsHost = paymentsOut.processes.findIndex((modules) => modules.includes('payments'));

  beforeAll(async () => {
    shop = await startShop(paymentsOut);
    gateway = new HttpClient(shop.urls[paymentsHost === 0 ? 1 : 0], shop.adminHeaders);
  });
  afterAll(() => shop?.stop());

  it('answers 503 with Retry-After at once and every time while payments is down, and 200 once it is back', async () => {
    const customer = await gateway.post('/api/v1/customers', { name: 'Ada', email: `ada-${randomUUID()}@example.com` });
    expect((await gateway.post(`/api/v1/accounts/${customer.body.id}/deposits`, { amountCents: 500 })).status).toBe(201);
    const account = `${gateway.baseUrl}/api/v1/accounts/${customer.body.id}`;

    await shop.stopProcess(paymentsHost);
    // Enough calls to open the breaker and then be refused by it, each one answered promptly.
    for (let attempt = 0; attempt < 15; attempt++) {
      const refused = await promptGet(account, shop.adminHeaders);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(refused.body).toMatchObject({ status: 503, code: 'MODULE_UNAVAILABLE' });
    }
    // What the gateway hosts itself keeps working.
    expect((await gateway.get(`/api/v1/customers/${customer.body.id}`)).status).toBe(200);

    await shop.startProcess(paymentsHost);
    const back = await eventually(() => gateway.get(`/api/v1/accounts/${customer.body.id}`), (r) => r.status === 200, 30_000);
    expect(back.body.balanceCents).toBe(500);
  });

  it("does not count the module's own errors as failures: a 404 stays a 404, however many", async () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const missing = await gateway.get(`/api/v1/accounts/${randomUUID()}`);
      expect(missing.status).toBe(404);
    }
    const customer = await gateway.post('/api/v1/customers', { name: 'Lin', email: `lin-${randomUUID()}@example.com` });
    expect((await gateway.post(`/api/v1/accounts/${customer.body.id}/deposits`, { amountCents: 100 })).status).toBe(201);
  });
});
