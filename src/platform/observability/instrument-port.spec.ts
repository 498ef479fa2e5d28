import { runAs } from './calling-module';
import { instrumentPort } from './instrument-port';
import { Metrics } from './metrics';

class ShippingPort {
  async ship(): Promise<string> {
    return 'shipped';
  }
}

class BillingPort {
  constructor(private readonly shipping: ShippingPort) {}

  async bill(): Promise<string> {
    await new Promise((resolve) => setImmediate(resolve));
    return this.shipping.ship();
  }
}

const callCounts = async (metrics: Metrics) =>
  (await metrics.registry.getSingleMetric('module_call_duration_seconds')!.get()).values
    .filter((value) => (value as { metricName?: string }).metricName === 'module_call_duration_seconds_count')
    .map((value) => value.labels);

describe('instrumentPort', () => {
  it('labels each call with the module whose code made it, across awaits', async () => {
    const metrics = new Metrics();
    const shipping = instrumentPort(new ShippingPort(), ['ship'], 'shipping', 'remote', metrics);
    const billing = instrumentPort(new BillingPort(shipping), ['bill'], 'billing', 'local', metrics);

    await billing.bill();
    await runAs('orders', () => billing.bill());

    expect(await callCounts(metrics)).toEqual(
      expect.arrayContaining([
        { caller: 'http', callee: 'billing', method: 'bill', mode: 'local', outcome: 'ok' },
        { caller: 'orders', callee: 'billing', method: 'bill', mode: 'local', outcome: 'ok' },
        { caller: 'billing', callee: 'shipping', method: 'ship', mode: 'remote', outcome: 'ok' },
      ]),
    );
    expect(await callCounts(metrics)).toHaveLength(3);
  });
});

describe('Metrics outbox backlog', () => {
  it('reports undelivered messages per source and destination, and 0 once a backlog is delivered', async () => {
    const metrics = new Metrics();
    let pending = new Map([['payments', 3]]);
    metrics.addOutboxBacklog('orders', async () => pending);
    expect(await metrics.registry.metrics()).toContain('outbox_pending_messages{source="orders",destination="payments"} 3');
    pending = new Map();
    expect(await metrics.registry.metrics()).toContain('outbox_pending_messages{source="orders",destination="payments"} 0');
  });
});
