import { randomUUID } from 'node:crypto';
import { JsonClient } from './net';
import { sleep } from './stats';

export interface SeededCustomer {
  id: string;
  orderIds: string[];
}

export const ORDER_ITEMS = [{ sku: 'bench-tea', quantity: 1, unitPriceCents: 100 }];

interface OrderBody {
  id: string;
  status: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * Signs customers up over the API, gives each a large deposit and `ordersEach` orders, and waits until
 * every order is CONFIRMED and shows in the customer's overview (the read model), so that every run reads
 * the same amount of data.
 */
export async function seedCustomers(client: JsonClient, count: number, ordersEach: number, tag: string, concurrency = 4): Promise<SeededCustomer[]> {
  const run = randomUUID().slice(0, 8);
  const customers: SeededCustomer[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const customer = await client.expect<{ id: string }>('POST', '/api/v1/customers', { name: `Bench ${tag} ${i}`, email: `${tag}-${i}-${run}@bench.example` }, [201]);
      await client.expect('POST', `/api/v1/accounts/${customer.id}/deposits`, { amountCents: 1_000_000_000 }, [200, 201]);
      const orderIds: string[] = [];
      for (let j = 0; j < ordersEach; j++) {
        const order = await client.expect<OrderBody>('POST', '/api/v1/orders', { customerId: customer.id, items: ORDER_ITEMS }, [202]);
        orderIds.push(order.id);
      }
      customers.push({ id: customer.id, orderIds });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await waitForSettled(client, customers, ordersEach);
  return customers;
}

async function waitForSettled(client: JsonClient, customers: SeededCustomer[], ordersEach: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const customer of customers) {
    for (;;) {
      const overview = await client.request<{ orders: OrderBody[] }>('GET', `/api/v1/customers/${customer.id}/overview`);
      const orders = overview.body?.orders ?? [];
      if (overview.status === 200 && orders.length >= Math.min(ordersEach, 20) && orders.every((o) => o.status === 'CONFIRMED')) break;
      if (Date.now() > deadline) throw new Error(`seeded orders of ${customer.id} not all CONFIRMED in the overview within ${timeoutMs} ms: ${JSON.stringify(overview.body).slice(0, 300)}`);
      await sleep(50);
    }
  }
}
