import { randomUUID } from 'node:crypto';
import { HttpClient } from '../support/http-client';
import { RunningShop, startShop } from '../support/running-shop';
import { TOPOLOGIES } from '../support/topologies';

const LIMIT = 5;

// One client cannot take the API for itself: past its share it is told to come back later, in the same
// problem format as every other error, while probes and scrapes are never limited.
describe('rate limiting per client', () => {
  let shop: RunningShop;
  let api: HttpClient;

  beforeAll(async () => {
    shop = await startShop(TOPOLOGIES[0], { ...process.env, RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    api = new HttpClient(shop.urls[0], shop.adminHeaders);
  });
  afterAll(() => shop?.stop());

  it('answers 429 problem+json with Retry-After once a client has used its requests, across routes', async () => {
    // The limit is for the client over the whole API, not per route.
    const routes = ['/api/v1/customers', `/api/v1/customers/${randomUUID()}`, '/api/v1/orders'];
    for (let request = 0; request < LIMIT; request++) expect((await api.get(routes[request % routes.length])).status).not.toBe(429);

    const limited = await api.get('/api/v1/customers');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ type: 'https://httpstatuses.io/429', title: 'Too Many Requests', status: 429 });
    expect(limited.body.detail).toContain(`More than ${LIMIT} requests in a minute`);
  });

  it('never limits health probes or the metrics scrape', async () => {
    const platform = new HttpClient(shop.urls[0]);
    for (let probe = 0; probe < LIMIT * 3; probe++) {
      expect((await platform.get('/health/live')).status).toBe(200);
      expect((await platform.get('/health/ready')).status).toBe(200);
    }
    expect((await platform.get('/metrics')).status).toBe(200);
  });
});
