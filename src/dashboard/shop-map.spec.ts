import { ModuleDescription, shopLinks } from './shop-map';

const described = (name: ModuleDescription['name'], parts: Partial<ModuleDescription>): ModuleDescription => ({
  name,
  port: `${name}Port`,
  methods: [],
  consumes: [],
  publishes: [],
  calls: [],
  ...parts,
});

describe('the arrows of the dashboard picture', () => {
  it('joins each message a module publishes to every module that consumes it, and gathers the calls by pair', () => {
    const links = shopLinks([
      described('customers', { publishes: ['customers.CustomerRegistered@v1'] }),
      described('orders', {
        publishes: ['orders.OrderPlaced@v1', 'payments.RequestPayment@v1'],
        consumes: ['orders.OrderPlaced@v1', 'payments.PaymentCaptured@v1'],
        calls: [{ module: 'customers', method: 'get' }],
      }),
      described('payments', {
        publishes: ['payments.PaymentCaptured@v1', 'payments.PaymentRefunded@v1'],
        consumes: ['payments.RequestPayment@v1', 'customers.CustomerRegistered@v1'],
        calls: [
          { module: 'customers', method: 'get' },
          { module: 'customers', method: 'list' },
        ],
      }),
    ]);

    expect(links.calls).toEqual([
      { from: 'orders', to: 'customers', methods: ['get'] },
      { from: 'payments', to: 'customers', methods: ['get', 'list'] },
    ]);
    // PaymentRefunded has no consumer: no arrow. Orders hears its own OrderPlaced (its read model).
    expect(links.messages).toEqual([
      { from: 'customers', to: 'payments', messages: ['customers.CustomerRegistered@v1'] },
      { from: 'orders', to: 'orders', messages: ['orders.OrderPlaced@v1'] },
      { from: 'orders', to: 'payments', messages: ['payments.RequestPayment@v1'] },
      { from: 'payments', to: 'orders', messages: ['payments.PaymentCaptured@v1'] },
    ]);
  });
});
