import { randomUUID } from 'node:crypto';
import { HttpClient } from '../support/http-client';
import { scrapeMetrics, sumOf } from '../support/process-metrics';
import { RunningShop, startShop } from '../support/running-shop';
import { ScratchDatabase } from '../support/scratch-database';
import { uniqueEmail } from '../support/shop-api';

jest.setTimeout(120_000);

// Payments hosted by two processes that host different module sets (orders with payments, and payments alone), as
// while payments is being taken out, on one PostgreSQL and the machine's broker. A third process, hosting only
// customers, calls payments: each call must run in one of the two, not in both. Over NATS, until the queue
// group was the module's rather than the process's module set, every call ran twice. In-process apps; needs
// the PostgreSQL server of DATABASE_URL (or the local one) and the brokers.
describe.each(['nats', 'rabbitmq', 'redis'])('a module hosted by processes with different MODULES, over %s', (transport) => {
  let shop: RunningShop | undefined;
  let db: ScratchDatabase | undefined;
  afterAll(async () => {
    await shop?.stop();
    await db?.drop();
  });

  it('runs each call to it once', async () => {
    db = await ScratchDatabase.create(`overlapping_hosts_${transport}`);
    shop = await startShop({ name: 'overlapping', processes: [['orders', 'payments'], ['payments'], ['customers']] }, { ...process.env, TRANSPORT: transport, DATABASE_URL: db.url });
    const api = new HttpClient(shop.urls[2], shop.adminHeaders);

    const customer = await api.post('/api/v1/customers', { name: 'Twice', email: uniqueEmail('overlap') });
    expect(customer.status).toBe(201);
    for (let i = 0; i < 5; i++) {
      const deposit = await api.post(`/api/v1/accounts/${customer.body.id}/deposits`, { amountCents: 1000 }, { 'Idempotency-Key': randomUUID() });
      expect(deposit.status).toBe(201);
    }
    const account = await api.get<{ balanceCents: number }>(`/api/v1/accounts/${customer.body.id}`);
    expect(account.body.balanceCents).toBe(5000);
    // Deposits are idempotent by key in payments itself, so the balance alone would not show a second run.
    const served = await Promise.all([0, 1].map(async (i) => sumOf(await scrapeMetrics(shop!.urls[i]), 'module_call_duration_seconds_count', { caller: 'transport', callee: 'payments', mode: 'local' })));
    const sent = sumOf(await scrapeMetrics(shop.urls[2]), 'module_call_duration_seconds_count', { callee: 'payments', mode: 'remote' });
    expect(served[0] + served[1]).toBe(sent);
  });
});
