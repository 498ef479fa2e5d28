import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { eventually, HttpClient } from '../support/http-client';
import { RunningShop, startShop } from '../support/running-shop';
import { ShopApi } from '../support/shop-api';
import { TOPOLOGIES } from '../support/topologies';

// Every process's /metrics as Prometheus itself would judge it: `promtool check metrics` (Debian's
// prometheus package; this suite fails, rather than skips, where it is missing) parses the exposition and
// lints names, types and help texts.
const PROMTOOL = '/usr/bin/promtool';
const topologies = TOPOLOGIES.filter((t) => t.name === 'monolith' || t.name === 'all apart');

function promtoolCheck(exposition: string): { status: number | null; output: string } {
  const run = spawnSync(PROMTOOL, ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
}

describe.each(topologies)('/metrics checked by promtool ($name)', (topology) => {
  let shop: RunningShop;

  beforeAll(async () => {
    if (!existsSync(PROMTOOL)) throw new Error(`${PROMTOOL} is missing: install Debian's prometheus package (apt-get install prometheus)`);
    shop = await startShop(topology);
    const api = new ShopApi(shop.urls, shop.adminHeaders);
    const customer = await api.fundedCustomer(1_000);
    const gateway = new HttpClient(shop.urls[0], shop.adminHeaders);
    const order = await gateway.post('/api/v1/orders', { customerId: customer.id, items: [{ sku: 'kettle', quantity: 1, unitPriceCents: 400 }] });
    expect(order.status).toBe(202);
    await eventually(() => gateway.get(`/api/v1/orders/${order.body.id}`), (r) => r.body.status === 'CONFIRMED', 30_000);
  });
  afterAll(() => shop?.stop());

  it('serves an exposition that promtool accepts without a lint warning, from every process', async () => {
    for (const url of shop.urls) {
      const scrape = await new HttpClient(url).get('/metrics');
      expect(scrape.status).toBe(200);
      expect({ url, ...promtoolCheck(scrape.body as string) }).toEqual({ url, status: 0, output: '' });
    }
  });

  it('counts the call orders makes to customers with its caller, callee and local or remote', async () => {
    const ordersHost = topology.processes.findIndex((modules) => modules.includes('orders'));
    const mode = topology.processes[ordersHost].includes('customers') ? 'local' : 'remote';
    const text: string = (await new HttpClient(shop.urls[ordersHost]).get('/metrics')).body;
    expect(text).toMatch(new RegExp(`module_call_duration_seconds_count\\{caller="orders",callee="customers",method="[A-Za-z]+",mode="${mode}",outcome="ok"\\} [1-9]`));
    expect(text).toMatch(/message_delivery_lag_seconds_count\{source="orders",destination="payments"\} [1-9]/);
    expect(text).toContain('# TYPE outbox_pending_messages gauge');
    expect(text).toContain('# TYPE message_handler_failures_total counter');

    // The HTTP edge is a caller too: the order was placed through OrdersPort by the controller of process 0.
    const gatewayMode = topology.processes[0].includes('orders') ? 'local' : 'remote';
    const gateway: string = (await new HttpClient(shop.urls[0]).get('/metrics')).body;
    expect(gateway).toMatch(new RegExp(`module_call_duration_seconds_count\\{caller="http",callee="orders",method="place",mode="${gatewayMode}",outcome="ok"\\} [1-9]`));
  });
});
