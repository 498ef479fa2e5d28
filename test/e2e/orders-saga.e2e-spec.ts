import { randomUUID } from 'node:crypto';
import { eventually } from '../support/http-client';
import { expectProblem, expectValidationProblem, expectWellBehavedAnswers } from '../support/problems';
import { startShop, RunningShop } from '../support/running-shop';
import { balanceFromEvents, itemsCosting, Order, OrderSaga, SETTLE_TIMEOUT_MS, ShopApi, UUID } from '../support/shop-api';
import { selectedTopologies } from '../support/topologies';

function expectNewestFirst(orders: Order[]): void {
  for (let i = 1; i < orders.length; i++) expect(Date.parse(orders[i - 1].createdAt)).toBeGreaterThanOrEqual(Date.parse(orders[i].createdAt));
}

describe.each(selectedTopologies())('orders and the order saga ($name)', (topology) => {
  let shop: RunningShop;
  let api: ShopApi;

  beforeAll(async () => {
    shop = await startShop(topology);
    api = new ShopApi(shop.urls, shop.adminHeaders);
  });
  afterAll(() => shop?.stop());

  describe('placing an order', () => {
    it('accepts it (202) as PENDING, with the total computed by the server', async () => {
      const customer = await api.fundedCustomer(10_000);
      const items = [
        { sku: 'tea', quantity: 3, unitPriceCents: 250 },
        { sku: 'cup', quantity: 1, unitPriceCents: 1_200 },
        { sku: 'free-sample', quantity: 5, unitPriceCents: 0 },
      ];

      const response = await api.first.post('/api/v1/orders', { customerId: customer.id, items });

      expect(response.status).toBe(202);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.body).toEqual({
        id: expect.stringMatching(UUID),
        customerId: customer.id,
        items,
        totalCents: 3 * 250 + 1_200,
        status: 'PENDING',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const read = await api.last.get(`/api/v1/orders/${response.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(expect.objectContaining({ id: response.body.id, customerId: customer.id, items, totalCents: 1_950 }));
    });

    it('refuses (400) a client-supplied total or status', async () => {
      const customer = await api.fundedCustomer(0);
      const body = { customerId: customer.id, items: itemsCosting(100) };

      expectValidationProblem(await api.first.post('/api/v1/orders', { ...body, totalCents: 1 }), 'totalCents');
      expectValidationProblem(await api.last.post('/api/v1/orders', { ...body, status: 'CONFIRMED' }), 'status');
    });

    it('refuses (422) an order for a customer nobody has', async () => {
      expectProblem(await api.first.post('/api/v1/orders', { customerId: randomUUID(), items: itemsCosting(100) }), 422);
    });

    it('answers 404 for an order nobody placed, and 400 for an id that is not a UUID', async () => {
      expectProblem(await api.last.get(`/api/v1/orders/${randomUUID()}`), 404);
      expectProblem(await api.first.get('/api/v1/orders/nope'), 400);
      expectProblem(await api.first.post(`/api/v1/orders/${randomUUID()}/cancel`), 404);
      expectProblem(await api.last.post('/api/v1/orders/nope/cancel'), 400);
    });
  });

  describe('the saga', () => {
    it('confirms a funded order: the account is debited and the payment CAPTURED', async () => {
      const customer = await api.fundedCustomer(1_000);
      const placed = await api.placeOrder(customer.id, itemsCosting(300));

      const settled = await api.settledOrder(placed.id);

      expect(settled).toEqual({ ...placed, status: 'CONFIRMED', updatedAt: expect.any(String) });
      expect(settled.cancellationReason).toBeUndefined();
      expect(Date.parse(settled.updatedAt)).toBeGreaterThanOrEqual(Date.parse(placed.createdAt));
      expect((await api.account(customer.id)).balanceCents).toBe(700);
      const [payment] = await api.paymentsOf(placed.id);
      expect(payment).toEqual({ id: expect.stringMatching(UUID), orderId: placed.id, customerId: customer.id, amountCents: 300, status: 'CAPTURED', createdAt: expect.any(String) });
    });

    it('confirms an order that costs exactly the balance, leaving 0', async () => {
      const customer = await api.fundedCustomer(450);
      const placed = await api.placeOrder(customer.id, itemsCosting(450));

      expect((await api.settledOrder(placed.id)).status).toBe('CONFIRMED');
      expect((await api.account(customer.id)).balanceCents).toBe(0);
    });

    it('cancels an unfunded order with PAYMENT_DECLINED and says why (INSUFFICIENT_FUNDS); its payment is DECLINED for that reason', async () => {
      const customer = await api.fundedCustomer(99);
      const placed = await api.placeOrder(customer.id, itemsCosting(100));

      const settled = await api.settledOrder(placed.id);

      expect(settled.status).toBe('CANCELLED');
      expect(settled.cancellationReason).toBe('PAYMENT_DECLINED');
      expect(settled.declineReason).toBe('INSUFFICIENT_FUNDS');
      const [payment] = await api.paymentsOf(placed.id);
      expect(payment).toEqual(expect.objectContaining({ orderId: placed.id, customerId: customer.id, amountCents: 100, status: 'DECLINED', reason: 'INSUFFICIENT_FUNDS' }));
      expect((await api.account(customer.id)).balanceCents).toBe(99);
      expect((await api.accountEvents(customer.id)).some((e) => e.type === 'PaymentCaptured')).toBe(false);
    });

    it('refunds a CONFIRMED order the customer cancels: 200 CANCELLED, payment REFUNDED, balance restored', async () => {
      const customer = await api.fundedCustomer(1_000);
      const placed = await api.placeOrder(customer.id, itemsCosting(600));
      expect((await api.settledOrder(placed.id)).status).toBe('CONFIRMED');

      const cancelled = await api.last.post(`/api/v1/orders/${placed.id}/cancel`);

      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toEqual({ ...placed, status: 'CANCELLED', cancellationReason: 'CANCELLED_BY_CUSTOMER', updatedAt: expect.any(String) });
      expect((await api.order(placed.id)).status).toBe('CANCELLED');
      const payment = await api.paymentOf(placed.id, ['REFUNDED']);
      expect(payment.amountCents).toBe(600);
      const account = await eventually(() => api.account(customer.id), (a) => a.balanceCents === 1_000);
      expect(account.balanceCents).toBe(1_000);
      const events = await api.accountEvents(customer.id);
      expect(events.filter((e) => e.type === 'PaymentRefunded')).toEqual([expect.objectContaining({ amountCents: 600, orderId: placed.id })]);
      expect(balanceFromEvents(events).balance).toBe(1_000);
    });

    it('refuses (409) to cancel an order twice, and refunds it only once', async () => {
      const customer = await api.fundedCustomer(1_000);
      const placed = await api.placeOrder(customer.id, itemsCosting(250));
      await api.settledOrder(placed.id);
      expect((await api.first.post(`/api/v1/orders/${placed.id}/cancel`)).status).toBe(200);

      for (const client of api.clients) expectProblem(await client.post(`/api/v1/orders/${placed.id}/cancel`), 409);

      await api.paymentOf(placed.id, ['REFUNDED']);
      const events = await api.accountEvents(customer.id);
      expect(events.filter((e) => e.type === 'PaymentRefunded')).toHaveLength(1);
      expect((await api.account(customer.id)).balanceCents).toBe(1_000);
    });

    it('cancels an order once when cancellations race: one 200, the rest 409, one refund', async () => {
      const customer = await api.fundedCustomer(1_000);
      const placed = await api.placeOrder(customer.id, itemsCosting(500));
      await api.settledOrder(placed.id);

      const answers = await Promise.all(Array.from({ length: 5 }, () => api.next().post(`/api/v1/orders/${placed.id}/cancel`)));

      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      for (const answer of answers.filter((a) => a.status !== 200)) expectProblem(answer, 409);
      await api.paymentOf(placed.id, ['REFUNDED']);
      expect((await api.accountEvents(customer.id)).filter((e) => e.type === 'PaymentRefunded')).toHaveLength(1);
      expect((await api.account(customer.id)).balanceCents).toBe(1_000);
    });

    it('refuses (409) to cancel an order that payments already declined', async () => {
      const customer = await api.fundedCustomer(0);
      const placed = await api.placeOrder(customer.id, itemsCosting(100));
      expect((await api.settledOrder(placed.id)).cancellationReason).toBe('PAYMENT_DECLINED');

      expectProblem(await api.last.post(`/api/v1/orders/${placed.id}/cancel`), 409);
      expect((await api.order(placed.id)).cancellationReason).toBe('PAYMENT_DECLINED');
    });

    it('ends a PENDING order cancelled right after placing it CANCELLED, with nothing kept from the account', async () => {
      const customer = await api.fundedCustomer(800);
      const placed = await api.placeOrder(customer.id, itemsCosting(800));

      const cancelled = await api.next().post(`/api/v1/orders/${placed.id}/cancel`);

      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toEqual(expect.objectContaining({ id: placed.id, status: 'CANCELLED', cancellationReason: 'CANCELLED_BY_CUSTOMER' }));
      // Payments still answers the order's payment request; a capture made for it is then refunded.
      const payment = await api.paymentOf(placed.id, ['REFUNDED', 'DECLINED']);
      const order = await api.order(placed.id);
      expect(order.status).toBe('CANCELLED');
      expect(order.cancellationReason).toBe('CANCELLED_BY_CUSTOMER');
      const events = await api.accountEvents(customer.id);
      const captured = events.filter((e) => e.type === 'PaymentCaptured' && e.orderId === placed.id);
      const refunded = events.filter((e) => e.type === 'PaymentRefunded' && e.orderId === placed.id);
      expect(refunded).toHaveLength(captured.length);
      if (payment.status === 'REFUNDED') expect(captured).toHaveLength(1);
      expect((await api.account(customer.id)).balanceCents).toBe(800);
      expect(balanceFromEvents(events)).toEqual(expect.objectContaining({ deposits: 800, balance: 800 }));
    });

    it('settles 30 orders racing for a balance of 1000: exactly 10 CONFIRMED, 20 PAYMENT_DECLINED, balance 0', async () => {
      const customer = await api.fundedCustomer(1_000);

      const placed = await Promise.all(Array.from({ length: 30 }, () => api.placeOrder(customer.id, itemsCosting(100))));
      const settled = await Promise.all(placed.map((order) => api.settledOrder(order.id, 2 * SETTLE_TIMEOUT_MS)));

      const confirmed = settled.filter((o) => o.status === 'CONFIRMED');
      const cancelled = settled.filter((o) => o.status === 'CANCELLED');
      expect(confirmed).toHaveLength(10);
      expect(cancelled).toHaveLength(20);
      for (const order of cancelled) expect(order.cancellationReason).toBe('PAYMENT_DECLINED');

      const account = await api.account(customer.id);
      expect(account.balanceCents).toBe(0);
      const events = await api.accountEvents(customer.id);
      expect(events.filter((e) => e.type === 'PaymentCaptured')).toHaveLength(10);
      expect(balanceFromEvents(events)).toEqual({ deposits: 1_000, captures: 1_000, refunds: 0, balance: account.balanceCents });
      expect(new Set(events.filter((e) => e.type === 'PaymentCaptured').map((e) => e.orderId))).toEqual(new Set(confirmed.map((o) => o.id)));

      for (const order of settled) {
        const [payment] = await api.paymentsOf(order.id);
        if (order.status === 'CONFIRMED') expect(payment.status).toBe('CAPTURED');
        else expect(payment).toEqual(expect.objectContaining({ status: 'DECLINED', reason: 'INSUFFICIENT_FUNDS' }));
      }
    });

    it('conserves money through deposits, captures, declines and refunds: balance = deposits − captures + refunds', async () => {
      const customer = await api.fundedCustomer(1_000);
      const kept = await api.placeOrder(customer.id, itemsCosting(300));
      const refunded = await api.placeOrder(customer.id, itemsCosting(200));
      await api.settledOrder(kept.id);
      await api.settledOrder(refunded.id);
      await api.deposit(customer.id, 50);
      const declined = await api.placeOrder(customer.id, itemsCosting(10_000));
      expect((await api.settledOrder(declined.id)).status).toBe('CANCELLED');
      expect((await api.first.post(`/api/v1/orders/${refunded.id}/cancel`)).status).toBe(200);
      await api.paymentOf(refunded.id, ['REFUNDED']);

      const events = await api.accountEvents(customer.id);
      const account = await api.account(customer.id);

      expect(account.balanceCents).toBe(1_000 + 50 - 300);
      expect(balanceFromEvents(events)).toEqual({ deposits: 1_050, captures: 500, refunds: 200, balance: account.balanceCents });
      expect(account.version).toBe(events.length);
    });
  });

  // The same suite runs in either style (SAGA=orchestration npm run test:e2e -- test/e2e/orders-saga); the
  // saga's record differs between them, and says which style the order was placed in.
  describe('GET /orders/{id}/saga', () => {
    const style = process.env.SAGA?.trim().toLowerCase() || 'choreography';
    const timeoutMs = Number(process.env.PAYMENT_TIMEOUT_MS || 120_000);
    const names = (saga: OrderSaga) => saga.steps.map((step) => (step.reason ? `${step.name}(${step.reason})` : step.name));

    it('follows a confirmed order: the payment requested, captured, the order confirmed, with its deadline', async () => {
      const customer = await api.fundedCustomer(1_000);
      const placed = await api.placeOrder(customer.id, itemsCosting(300));
      const settled = await api.settledOrder(placed.id);

      const saga = await api.saga(placed.id);

      expect(saga).toEqual({ orderId: placed.id, customerId: customer.id, style, state: 'CONFIRMED', paymentDeadline: expect.any(String), steps: expect.any(Array) });
      expect(Date.parse(saga.paymentDeadline!) - Date.parse(placed.createdAt)).toBe(timeoutMs);
      expect(names(saga)).toEqual(['PAYMENT_REQUESTED', 'PAYMENT_CAPTURED', 'ORDER_CONFIRMED']);
      expect(saga.steps[0].at).toBe(placed.createdAt);
      expect(saga.steps[2].at).toBe(settled.updatedAt);
    });

    it('follows a declined order to CANCELLED, with nothing to give back', async () => {
      const customer = await api.fundedCustomer(0);
      const placed = await api.placeOrder(customer.id, itemsCosting(100));
      await api.settledOrder(placed.id);

      const saga = await api.saga(placed.id);

      expect(saga.state).toBe('CANCELLED');
      expect(names(saga)).toEqual(['PAYMENT_REQUESTED', 'PAYMENT_DECLINED', 'ORDER_CANCELLED(PAYMENT_DECLINED)']);
      expect(saga.compensation).toBeUndefined();
    });

    it("shows the refund of a confirmed order the customer cancels as the saga's compensation", async () => {
      const customer = await api.fundedCustomer(1_000);
      const placed = await api.placeOrder(customer.id, itemsCosting(400));
      await api.settledOrder(placed.id);
      const cancelled = await api.first.post<Order>(`/api/v1/orders/${placed.id}/cancel`);
      expect(cancelled.status).toBe(200);
      await api.paymentOf(placed.id, ['REFUNDED']);

      if (style === 'orchestration') {
        // The orchestrator hears payments' PaymentRefunded and records the compensation as done.
        const saga = await eventually(() => api.saga(placed.id), (s) => s.state === 'REFUNDED');
        expect(names(saga)).toEqual(['PAYMENT_REQUESTED', 'PAYMENT_CAPTURED', 'ORDER_CONFIRMED', 'ORDER_CANCELLED(CANCELLED_BY_CUSTOMER)', 'REFUND_REQUESTED', 'PAYMENT_REFUNDED']);
        expect(saga.compensation).toEqual({ action: 'REFUND', requestedAt: cancelled.body.updatedAt, completedAt: expect.any(String) });
        expect(Date.parse(saga.compensation!.completedAt!)).toBeGreaterThanOrEqual(Date.parse(cancelled.body.updatedAt));
      } else {
        // Nobody keeps a timeline: what the order shows is that it was cancelled, and a refund requested.
        const saga = await api.saga(placed.id);
        expect(saga.state).toBe('CANCELLED');
        expect(names(saga)).toEqual(['PAYMENT_REQUESTED', 'ORDER_CANCELLED(CANCELLED_BY_CUSTOMER)', 'REFUND_REQUESTED']);
        expect(saga.compensation).toEqual({ action: 'REFUND', requestedAt: cancelled.body.updatedAt });
      }
    });

    it('answers 404 for an order nobody placed, and 400 for an id that is not a UUID', async () => {
      expectProblem(await api.first.get(`/api/v1/orders/${randomUUID()}/saga`), 404);
      expect((await api.last.get(`/api/v1/orders/${randomUUID()}/saga`)).body.code).toBe('ORDER_NOT_FOUND');
      expectProblem(await api.next().get('/api/v1/orders/nope/saga'), 400);
    });
  });

  describe('Idempotency-Key on orders', () => {
    it('answers a retry with the same key and body with the first answer, and places one order charged once', async () => {
      const customer = await api.fundedCustomer(1_000);
      const body = { customerId: customer.id, items: itemsCosting(400) };
      const key = randomUUID();

      const first = await api.first.post('/api/v1/orders', body, { 'Idempotency-Key': key });
      const retry = await api.last.post('/api/v1/orders', body, { 'Idempotency-Key': key });

      expect(first.status).toBe(202);
      expect(retry.status).toBe(first.status);
      expect(retry.body).toEqual(first.body);
      await api.settledOrder(first.body.id);
      const orders = await eventually(() => api.ordersOf(customer.id), (found) => found.length > 0 && found.every((o) => o.status !== 'PENDING'));
      expect(orders.map((o) => o.id)).toEqual([first.body.id]);
      expect((await api.account(customer.id)).balanceCents).toBe(600);
      expect((await api.accountEvents(customer.id)).filter((e) => e.type === 'PaymentCaptured')).toHaveLength(1);
    });

    it('still answers a late retry with the first answer (PENDING), even once the order has settled', async () => {
      const customer = await api.fundedCustomer(1_000);
      const body = { customerId: customer.id, items: itemsCosting(100) };
      const key = randomUUID();
      const first = await api.first.post('/api/v1/orders', body, { 'Idempotency-Key': key });
      await api.settledOrder(first.body.id);

      const retry = await api.last.post('/api/v1/orders', body, { 'Idempotency-Key': key });

      expect(retry.status).toBe(202);
      expect(retry.body).toEqual(first.body);
      expect((await api.account(customer.id)).balanceCents).toBe(900);
    });

    it('places one order when the same request races with itself', async () => {
      const customer = await api.fundedCustomer(1_000);
      const body = { customerId: customer.id, items: itemsCosting(100) };
      const key = randomUUID();

      const answers = await Promise.all(Array.from({ length: 10 }, () => api.next().post('/api/v1/orders', body, { 'Idempotency-Key': key })));

      for (const answer of answers) {
        expect(answer.status).toBe(202);
        expect(answer.body).toEqual(answers[0].body);
      }
      await api.settledOrder(answers[0].body.id);
      const orders = await eventually(() => api.ordersOf(customer.id), (found) => found.length > 0);
      expect(orders).toHaveLength(1);
      expect((await api.account(customer.id)).balanceCents).toBe(900);
    });

    it('places one order when two different bodies race with one key: the others are refused (422)', async () => {
      const customer = await api.fundedCustomer(1_000);
      const key = randomUUID();
      const bodies = [itemsCosting(100), itemsCosting(200)].map((items) => ({ customerId: customer.id, items }));

      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => api.next().post('/api/v1/orders', bodies[i % 2], { 'Idempotency-Key': key })));

      const accepted = answers.filter((a) => a.status === 202);
      const refused = answers.filter((a) => a.status === 422);
      expect(accepted.length + refused.length).toBe(answers.length);
      expect(accepted.length).toBeGreaterThan(0);
      for (const answer of accepted) expect(answer.body).toEqual(accepted[0].body);
      for (const answer of refused) expectProblem(answer, 422);
      // Every request with the winning body got the first answer; every one with the other body was refused.
      const winner = accepted[0].body.totalCents === 100 ? 0 : 1;
      expect(accepted).toHaveLength(5);
      expect(accepted.every((a) => a.body.totalCents === bodies[winner].items[0].unitPriceCents)).toBe(true);
      const settled = await api.settledOrder(accepted[0].body.id);
      const listed = await eventually(() => api.ordersOf(customer.id), (found) => found.length > 0 && found.every((o) => o.status !== 'PENDING'));
      expect(listed.map((o) => o.id)).toEqual([settled.id]);
      expect((await api.account(customer.id)).balanceCents).toBe(1_000 - settled.totalCents);
    });

    it('refuses (422) the same key with a different body, and places nothing for it', async () => {
      const customer = await api.fundedCustomer(1_000);
      const key = randomUUID();
      const first = await api.first.post('/api/v1/orders', { customerId: customer.id, items: itemsCosting(100) }, { 'Idempotency-Key': key });
      await api.settledOrder(first.body.id);

      const reused = await api.last.post('/api/v1/orders', { customerId: customer.id, items: itemsCosting(200) }, { 'Idempotency-Key': key });

      expectProblem(reused, 422);
      const orders = await api.ordersOf(customer.id);
      expect(orders.map((o) => o.id)).toEqual([first.body.id]);
      expect((await api.account(customer.id)).balanceCents).toBe(900);
    });

    it('refuses (400) an empty key and a key of 256 characters, placing nothing', async () => {
      const customer = await api.fundedCustomer(1_000);
      const body = { customerId: customer.id, items: itemsCosting(100) };

      expectProblem(await api.first.post('/api/v1/orders', body, { 'Idempotency-Key': '' }), 400);
      expectProblem(await api.last.post('/api/v1/orders', body, { 'Idempotency-Key': 'k'.repeat(256) }), 400);

      expect(await api.ordersOf(customer.id)).toEqual([]);
      expect((await api.account(customer.id)).balanceCents).toBe(1_000);
    });
  });

  describe('the order list', () => {
    let customerId: string;
    let confirmed: Order[];
    let declined: Order;

    beforeAll(async () => {
      const customer = await api.fundedCustomer(200);
      customerId = customer.id;
      const first = await api.placeOrder(customerId, itemsCosting(100));
      const second = await api.placeOrder(customerId, itemsCosting(100));
      await api.settledOrder(first.id);
      await api.settledOrder(second.id);
      declined = await api.settledOrder((await api.placeOrder(customerId, itemsCosting(100))).id);
      confirmed = [await api.order(second.id), await api.order(first.id)];
    });

    it("lists a customer's orders newest first, eventually with their settled status", async () => {
      const orders = await eventually(() => api.ordersOf(customerId), (found) => found.length === 3 && found.every((o) => o.status !== 'PENDING'), SETTLE_TIMEOUT_MS);

      expect(orders.map((o) => o.id)).toEqual([declined.id, confirmed[0].id, confirmed[1].id]);
      expect(orders).toEqual([declined, ...confirmed]);
    });

    it('filters by status', async () => {
      const confirmedIds = confirmed.map((o) => o.id);
      const byConfirmed = await eventually(() => api.ordersOf(customerId, 'CONFIRMED'), (found) => found.length === 2, SETTLE_TIMEOUT_MS);
      const byCancelled = await eventually(() => api.ordersOf(customerId, 'CANCELLED'), (found) => found.length === 1, SETTLE_TIMEOUT_MS);

      expect(byConfirmed.map((o) => o.id)).toEqual(confirmedIds);
      expect(byCancelled.map((o) => o.id)).toEqual([declined.id]);
      expect(byCancelled[0].cancellationReason).toBe('PAYMENT_DECLINED');
      expect(byCancelled[0].declineReason).toBe('INSUFFICIENT_FUNDS');
      expect(byConfirmed.every((o) => o.declineReason === undefined)).toBe(true);
      expect(await api.ordersOf(customerId, 'PENDING')).toEqual([]);
    });

    it('filters by status alone, across customers', async () => {
      const response = await api.last.get('/api/v1/orders?status=CANCELLED&limit=100');

      expect(response.status).toBe(200);
      for (const order of response.body.items) expect(order.status).toBe('CANCELLED');
    });

    it('pages with limit and cursor: no duplicates, no gaps, nextCursor null on the last page', async () => {
      const customer = await api.fundedCustomer(0);
      const placed: Order[] = [];
      for (let i = 0; i < 5; i++) placed.push(await api.placeOrder(customer.id, itemsCosting(0)));
      await eventually(() => api.ordersOf(customer.id), (found) => found.length === 5, SETTLE_TIMEOUT_MS);

      const pages = await api.walk<Order>(`/api/v1/orders?customerId=${customer.id}`, 2);

      expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
      expect(pages.flat().map((o) => o.id).sort()).toEqual(placed.map((o) => o.id).sort());
      expectNewestFirst(pages.flat());
    });

    it('lists nothing for a customer without orders', async () => {
      const response = await api.first.get(`/api/v1/orders?customerId=${randomUUID()}`);

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ items: [], nextCursor: null });
    });

    it.each([
      ['an unknown status', 'status=SHIPPED', 'status'],
      ['a customerId that is not a UUID', 'customerId=42', 'customerId'],
      ['limit=0', 'limit=0', 'limit'],
      ['limit=101', 'limit=101', 'limit'],
      ['an unknown parameter', 'sort=asc', 'sort'],
    ])('refuses (400) %s', async (_, query, field) => {
      expectValidationProblem(await api.next().get(`/api/v1/orders?${query}`), field);
    });

    it('refuses (400) a cursor it did not hand out', async () => {
      expectProblem(await api.first.get('/api/v1/orders?cursor=bogus'), 400);
    });
  });

  describe('the customer overview', () => {
    it('composes the customer, the account and the 20 newest orders', async () => {
      const customer = await api.fundedCustomer(5_000);
      const placed: Order[] = [];
      for (let i = 0; i < 21; i++) placed.push(await api.placeOrder(customer.id, itemsCosting(100)));
      await Promise.all(placed.map((o) => api.settledOrder(o.id)));
      const newest = placed.slice(1).reverse().map((o) => o.id);

      const overview = await eventually(
        () => api.next().get(`/api/v1/customers/${customer.id}/overview`),
        (r) => r.status === 200 && r.body.orders.length === 20 && r.body.orders.every((o: Order) => o.status === 'CONFIRMED'),
        SETTLE_TIMEOUT_MS,
      );

      expect(Object.keys(overview.body).sort()).toEqual(['account', 'customer', 'orders']);
      expect(overview.body.customer).toEqual(customer);
      expect(overview.body.account).toEqual(await api.account(customer.id));
      expect(overview.body.account.balanceCents).toBe(5_000 - 21 * 100);
      expect(overview.body.orders.map((o: Order) => o.id).sort()).toEqual([...newest].sort());
      expectNewestFirst(overview.body.orders);
      expect(overview.body.orders.find((o: Order) => o.id === newest[0])).toEqual(await api.order(newest[0]));
    });

    it('shows a new customer with an empty account and no orders', async () => {
      const customer = await api.signUp();

      const overview = await api.last.get(`/api/v1/customers/${customer.id}/overview`);

      expect(overview.status).toBe(200);
      expect(overview.body).toEqual({ customer, account: { customerId: customer.id, balanceCents: 0, version: expect.any(Number) }, orders: [] });
    });

    it('answers 404 for a customer nobody has, or one who was deleted, and 400 for an id that is not a UUID', async () => {
      expectProblem(await api.first.get(`/api/v1/customers/${randomUUID()}/overview`), 404);
      const deleted = await api.signUp();
      expect((await api.first.delete(`/api/v1/customers/${deleted.id}`)).status).toBe(204);
      expectProblem(await api.last.get(`/api/v1/customers/${deleted.id}/overview`), 404);
      expectProblem(await api.last.get('/api/v1/customers/xyz/overview'), 400);
    });
  });

  it('answered every request of this suite without a server error or leaked internals, as the OpenAPI document describes', async () => {
    await expectWellBehavedAnswers(api.responses);
  });
});
