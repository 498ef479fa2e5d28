import { eventually, HttpClient } from '../support/http-client';
import { startShop, RunningShop } from '../support/running-shop';
import { selectedTopologies } from '../support/topologies';

describe.each(selectedTopologies())('smoke: $name', (topology) => {
  let shop: RunningShop;
  let api: HttpClient;

  beforeAll(async () => {
    shop = await startShop(topology);
    api = new HttpClient(shop.urls[0]);
  });
  afterAll(() => shop?.stop());

  it('places an order that gets confirmed', async () => {
    const customer = await api.post('/api/v1/customers', { name: 'Ada', email: `ada-${Date.now()}@example.com` });
    expect(customer.status).toBe(201);
    await api.post(`/api/v1/accounts/${customer.body.id}/deposits`, { amountCents: 500 });
    const order = await api.post('/api/v1/orders', { customerId: customer.body.id, items: [{ sku: 'tea', quantity: 1, unitPriceCents: 300 }] });
    expect(order.status).toBe(202);
    const settled = await eventually(() => api.get(`/api/v1/orders/${order.body.id}`), (r) => r.body.status !== 'PENDING');
    expect(settled.body.status).toBe('CONFIRMED');
  });
});
