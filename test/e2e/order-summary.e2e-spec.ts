import { randomUUID } from 'node:crypto';
import { eventually } from '../support/http-client';
import { expectProblem, expectWellBehavedAnswers } from '../support/problems';
import { startShop, RunningShop } from '../support/running-shop';
import { itemsCosting, OrderSummary, SETTLE_TIMEOUT_MS, ShopApi } from '../support/shop-api';
import { bearer, tokenFor } from '../support/tokens';
import { mixesReleases, selectedTopologies } from '../support/topologies';

// The order summary is a projection of orders' and payments' events: it converges a moment after the order
// settles, so each test polls it until it shows the last event it expects.
describe.each(selectedTopologies())('the order summary ($name)', (topology) => {
  let shop: RunningShop;
  let api: ShopApi;
  // No process of the release before serves the endpoint (it answers 404 there).
  const itWhereSummariesAreServed = mixesReleases(topology) ? it.skip : it;

  beforeAll(async () => {
    shop = await startShop(topology);
    api = new ShopApi(shop.urls, shop.adminHeaders);
  });
  afterAll(() => shop?.stop());

  /** The order's summary once its timeline holds `last`. */
  async function summaryShowing(orderId: string, last: OrderSummary['timeline'][number]['event']): Promise<OrderSummary> {
    return eventually(
      async () => {
        const response = await api.next().get<OrderSummary>(`/api/v1/orders/${orderId}/summary`);
        return response.status === 200 ? response.body : undefined;
      },
      (summary) => summary?.timeline.some((entry) => entry.event === last) ?? false,
      SETTLE_TIMEOUT_MS,
    ) as Promise<OrderSummary>;
  }

  const eventsOf = (summary: OrderSummary) => summary.timeline.map((entry) => entry.event);

  itWhereSummariesAreServed('joins a confirmed order with its captured payment, and shows how it got there', async () => {
    const customer = await api.fundedCustomer(1_000);
    const placed = await api.placeOrder(customer.id, [{ sku: 'tea', quantity: 3, unitPriceCents: 100 }]);

    const summary = await summaryShowing(placed.id, 'CONFIRMED');

    expect(summary).toEqual({
      orderId: placed.id,
      customerId: customer.id,
      status: 'CONFIRMED',
      totalCents: 300,
      itemCount: 3,
      paymentState: 'CAPTURED',
      capturedCents: 300,
      refundedCents: 0,
      placedAt: placed.createdAt,
      lastEventAt: expect.any(String),
      timeline: [
        { event: 'PLACED', at: placed.createdAt },
        { event: 'PAYMENT_CAPTURED', at: expect.any(String) },
        { event: 'CONFIRMED', at: expect.any(String) },
      ],
    });
    expect(summary.lastEventAt).toBe(summary.timeline[2].at);
  });

  itWhereSummariesAreServed('shows a declined payment and why, beside the cancelled order', async () => {
    const customer = await api.fundedCustomer(50);
    const placed = await api.placeOrder(customer.id, itemsCosting(100));

    const summary = await summaryShowing(placed.id, 'CANCELLED');

    expect(summary).toEqual(expect.objectContaining({ status: 'CANCELLED', cancellationReason: 'PAYMENT_DECLINED', paymentState: 'DECLINED', capturedCents: 0 }));
    expect(eventsOf(summary)).toEqual(['PLACED', 'PAYMENT_DECLINED', 'CANCELLED']);
    // A payments of the release before says why in free text only; this one gives the code.
    expect(summary.declineReason).toBe('INSUFFICIENT_FUNDS');
  });

  itWhereSummariesAreServed('shows the refund of an order cancelled after it was paid', async () => {
    const customer = await api.fundedCustomer(1_000);
    const placed = await api.placeOrder(customer.id, itemsCosting(400));
    await summaryShowing(placed.id, 'CONFIRMED');
    expect((await api.last.post(`/api/v1/orders/${placed.id}/cancel`)).status).toBe(200);

    const summary = await summaryShowing(placed.id, 'PAYMENT_REFUNDED');

    expect(summary).toEqual(expect.objectContaining({ status: 'CANCELLED', cancellationReason: 'CANCELLED_BY_CUSTOMER', paymentState: 'REFUNDED', capturedCents: 400, refundedCents: 400 }));
    expect(eventsOf(summary)).toEqual(['PLACED', 'PAYMENT_CAPTURED', 'CONFIRMED', 'CANCELLED', 'PAYMENT_REFUNDED']);
  });

  itWhereSummariesAreServed("answers 404 for an order nobody placed, 400 for an id that is not a UUID, and 403 for another customer's order", async () => {
    expectProblem(await api.first.get(`/api/v1/orders/${randomUUID()}/summary`), 404);
    expectProblem(await api.last.get('/api/v1/orders/nope/summary'), 400);

    const owner = await api.fundedCustomer(1_000);
    const placed = await api.placeOrder(owner.id, itemsCosting(100));
    await summaryShowing(placed.id, 'CONFIRMED');
    const stranger = await api.signUp();
    expectProblem(await api.first.get(`/api/v1/orders/${placed.id}/summary`, bearer(tokenFor(stranger.id, 'customer'))), 403);
    expect((await api.last.get(`/api/v1/orders/${placed.id}/summary`, bearer(tokenFor(owner.id, 'customer')))).status).toBe(200);
  });

  it('answers as the OpenAPI document says', async () => {
    await expectWellBehavedAnswers(api.responses);
  });
});
