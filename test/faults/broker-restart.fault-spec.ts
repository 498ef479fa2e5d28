import { randomUUID } from 'node:crypto';
import { TransportName } from '../../src/module-kit/config/app-config';
import { startBroker, stopBroker } from '../support/brokers';
import { eventually, HttpClient } from '../support/http-client';
import { RunningShop, startShop } from '../support/running-shop';
import { TOPOLOGIES } from '../support/topologies';

// Restarts the machine's real brokers: run only by `npm run test:faults` (in .ci/run), never by `npm test`.
const transports: Array<Exclude<TransportName, 'tcp'>> = ['nats', 'rabbitmq', 'redis'];

describe.each(transports)('the %s broker goes down and comes back', (transport) => {
  let shop: RunningShop;
  let gateway: HttpClient;

  beforeAll(async () => {
    shop = await startShop(TOPOLOGIES.find((t) => t.name === 'payments out')!, { ...process.env, TRANSPORT: transport });
    gateway = new HttpClient(shop.urls[0], shop.adminHeaders);
  });
  afterAll(async () => {
    await startBroker(transport);
    await shop?.stop();
  });

  it('confirms an order placed while the broker was down, once it is back, charging it once', async () => {
    const customer = await gateway.post('/api/v1/customers', { name: 'Eve', email: `eve-${randomUUID()}@example.com` });
    expect((await gateway.post(`/api/v1/accounts/${customer.body.id}/deposits`, { amountCents: 1000 })).status).toBe(201);

    await stopBroker(transport);
    const order = await gateway.post('/api/v1/orders', { customerId: customer.body.id, items: [{ sku: 'pen', quantity: 1, unitPriceCents: 300 }] });
    expect(order.status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await startBroker(transport);

    const settled = await eventually(() => gateway.get(`/api/v1/orders/${order.body.id}`), (r) => r.body.status !== 'PENDING', 60_000);
    expect(settled.body.status).toBe('CONFIRMED');
    const account = await eventually(() => gateway.get(`/api/v1/accounts/${customer.body.id}`), (r) => r.status === 200, 30_000);
    expect(account.body.balanceCents).toBe(700);
  });
});
