import { eventually } from '../support/http-client';
import { expectProblem, expectWellBehavedAnswers } from '../support/problems';
import { RunningShop, startShop } from '../support/running-shop';
import { balanceFromEvents, itemsCosting, OrderSaga, ShopApi } from '../support/shop-api';
import { selectedTopologies } from '../support/topologies';

// A payment that never answers: payments is stopped, an order is placed, and once PAYMENT_TIMEOUT_MS has
// passed the order is CANCELLED with PAYMENT_TIMEOUT, in both saga styles. The deadline is kept in the
// database: the process hosting orders is stopped before it falls due and started after, and the order is
// still cancelled, by the restarted process. Then payments comes back, captures the order's payment late, and
// the capture is refunded: money is conserved. Run in the first selected topology where payments has a process
// of its own (in the monolith, or with orders beside payments, payments cannot be stopped alone): what is tested
// is the deadline in orders, which every split reaches the same way.
const topologies = selectedTopologies()
  .filter((t) => t.processes.some((modules) => modules.length === 1 && modules[0] === 'payments'))
  .slice(0, 1);
const cases = topologies.flatMap((topology) => (['choreography', 'orchestration'] as const).map((style) => ({ ...topology, style })));
const describeEach = cases.length > 0 ? describe.each(cases) : describe.skip.each([{ name: 'no topology with payments alone selected', processes: [], style: 'choreography' as const }]);

const PAYMENT_TIMEOUT_MS = 3000;

describeEach('a payment that does not answer in time ($name, $style)', ({ style, ...topology }) => {
  let shop: RunningShop;
  let api: ShopApi;
  /** The processes other than payments', for while payments is stopped. */
  let withoutPayments: ShopApi;
  /**
   * Payments' own process, to read payments once it is back: the others' circuit breaker for payments, opened
   * by the deliveries that failed while it was down, may still refuse calls for a few seconds.
   */
  let paymentsItself: ShopApi;
  const paymentsHost = topology.processes.findIndex((modules) => modules.includes('payments'));
  const ordersHost = topology.processes.findIndex((modules) => modules.includes('orders'));

  beforeAll(async () => {
    shop = await startShop(topology, { ...process.env, SAGA: style, PAYMENT_TIMEOUT_MS: String(PAYMENT_TIMEOUT_MS) });
    api = new ShopApi(shop.urls, shop.adminHeaders);
    withoutPayments = new ShopApi(shop.urls.filter((_, index) => index !== paymentsHost), shop.adminHeaders);
    paymentsItself = new ShopApi([shop.urls[paymentsHost]], shop.adminHeaders);
  });
  afterAll(() => shop?.stop());

  it('cancels the order with PAYMENT_TIMEOUT, across a restart of orders, and refunds the capture that comes after', async () => {
    const customer = await api.fundedCustomer(1_000);
    await shop.stopProcess(paymentsHost);
    let restartedAt = 0;
    let placedId = '';
    try {
      const placed = await withoutPayments.first.post('/api/v1/orders', { customerId: customer.id, items: itemsCosting(600) });
      expect(placed.status).toBe(202);
      placedId = placed.body.id;
      // The deadline falls due while no process hosts orders: the one started again must still enforce it.
      await shop.stopProcess(ordersHost);
      const deadline = Date.parse(placed.body.createdAt) + PAYMENT_TIMEOUT_MS;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline + 500 - Date.now())));
      restartedAt = Date.now();
      await shop.startProcess(ordersHost);

      const timedOut = await withoutPayments.settledOrder(placedId);
      expect(timedOut).toEqual(expect.objectContaining({ status: 'CANCELLED', cancellationReason: 'PAYMENT_TIMEOUT' }));
      expect(Date.parse(timedOut.updatedAt)).toBeGreaterThanOrEqual(restartedAt);

      const saga = await withoutPayments.saga(placedId);
      expect(saga.style).toBe(style);
      expect(saga.paymentDeadline).toBe(new Date(deadline).toISOString());
      if (style === 'orchestration') {
        // The orchestrator waits for payments' answer before it gives anything back.
        expect(saga).toEqual(expect.objectContaining({ state: 'CANCELLED_AWAITING_PAYMENT', steps: [{ name: 'PAYMENT_REQUESTED', at: placed.body.createdAt }, { name: 'ORDER_CANCELLED', at: timedOut.updatedAt, reason: 'PAYMENT_TIMEOUT' }] }));
        expect(saga.compensation).toBeUndefined();
      } else {
        // Choreography asks payments for a refund at once; it waits behind the payment request.
        expect(saga).toEqual(expect.objectContaining({ state: 'CANCELLED', compensation: { action: 'REFUND', requestedAt: timedOut.updatedAt } }));
      }
      expectProblem(await withoutPayments.next().post(`/api/v1/orders/${placedId}/cancel`), 409);
    } finally {
      await shop.startProcess(paymentsHost);
    }

    // Payments handles the payment request it missed, captures, then refunds.
    const payment = await paymentsItself.paymentOf(placedId, ['REFUNDED'], 90_000);
    expect(payment.amountCents).toBe(600);
    const order = await withoutPayments.order(placedId);
    expect(order).toEqual(expect.objectContaining({ status: 'CANCELLED', cancellationReason: 'PAYMENT_TIMEOUT' }));
    const events = await paymentsItself.accountEvents(customer.id);
    expect(events.filter((e) => e.orderId === placedId).map((e) => e.type)).toEqual(['PaymentCaptured', 'PaymentRefunded']);
    expect(balanceFromEvents(events)).toEqual({ deposits: 1_000, captures: 600, refunds: 600, balance: 1_000 });
    expect((await paymentsItself.account(customer.id)).balanceCents).toBe(1_000);

    if (style === 'orchestration') {
      const saga = await eventually<OrderSaga>(() => withoutPayments.saga(placedId), (s) => s.state === 'REFUNDED');
      expect(saga.steps.map((step) => step.name)).toEqual(['PAYMENT_REQUESTED', 'ORDER_CANCELLED', 'PAYMENT_CAPTURED', 'REFUND_REQUESTED', 'PAYMENT_REFUNDED']);
      expect(saga.compensation).toEqual({ action: 'REFUND', requestedAt: expect.any(String), completedAt: expect.any(String) });
    }
  });

  it('answered every request of this suite without a server error or leaked internals, as the OpenAPI document describes', async () => {
    await expectWellBehavedAnswers([...api.responses, ...withoutPayments.responses, ...paymentsItself.responses]);
  });
});
