import { KnownCustomers } from '../../../../test/support/known-customers';
import { BacklogBound } from '../../../module-kit/messaging/backlog-bound';
import { SagaStyle } from '../contracts/order-saga.dto';
import { OrdersErrors } from '../contracts/orders.errors';
import { CancelOrderCommand } from './commands/cancel-order/cancel-order.command';
import { CancelOrderHandler } from './commands/cancel-order/cancel-order.handler';
import { EnforcePaymentDeadlineCommand } from './commands/enforce-payment-deadline/enforce-payment-deadline.command';
import { EnforcePaymentDeadlineHandler } from './commands/enforce-payment-deadline/enforce-payment-deadline.handler';
import { PlaceOrderCommand } from './commands/place-order/place-order.command';
import { PlaceOrderHandler } from './commands/place-order/place-order.handler';
import { PaymentOutcome, RecordPaymentOutcomeCommand } from './commands/record-payment-outcome/record-payment-outcome.command';
import { RecordPaymentOutcomeHandler } from './commands/record-payment-outcome/record-payment-outcome.handler';
import { OrderSagaOrchestrator } from './saga/order-saga-orchestrator';
import { OrderSagaSettings } from './saga/order-saga-settings';
import { InMemoryOrderSagaRepository, InMemoryOrdersRepository } from './testing/in-memory-orders';

// The orders' use cases in both saga styles, on in-memory repositories (the application's own interfaces): the
// order's state, the saga's, and the messages the unit of work would write — without a database or a process.
describe.each<SagaStyle>(['choreography', 'orchestration'])('orders use cases (%s)', (style) => {
  let orders: InMemoryOrdersRepository;
  let sagas: InMemoryOrderSagaRepository;
  let settings: OrderSagaSettings;

  beforeEach(() => {
    orders = new InMemoryOrdersRepository();
    sagas = new InMemoryOrderSagaRepository();
    settings = new OrderSagaSettings(style, 60_000);
  });

  const orchestrator = () => new OrderSagaOrchestrator(sagas, orders);
  const items = [{ sku: 'tea', quantity: 2, unitPriceCents: 450 }];
  // Shedding is the platform's, tested with the outbox it reads (backlog-bound.spec, load-shedding e2e): off here.
  const unbounded = new BacklogBound('orders', { maxAgeMs: 0, maxMessages: undefined }, async () => new Map());

  async function place(customerId = 'customer-1') {
    const handler = new PlaceOrderHandler(orders, new KnownCustomers(['customer-1']), orchestrator(), settings, unbounded);
    const command = new PlaceOrderCommand({ customerId, items });
    await handler.validate(command);
    return handler.execute(command);
  }
  const answer = (orderId: string, outcome: PaymentOutcome, reason?: 'INSUFFICIENT_FUNDS') =>
    new RecordPaymentOutcomeHandler(orders, orchestrator()).execute(new RecordPaymentOutcomeCommand(orderId, outcome, reason));
  const cancel = (orderId: string) => new CancelOrderHandler(orders, orchestrator()).execute(new CancelOrderCommand(orderId));

  it('places an order PENDING and asks payments for its total', async () => {
    const order = await place();

    expect(order).toMatchObject({ status: 'PENDING', totalCents: 900 });
    expect(orders.sent()).toEqual([
      { name: 'orders.OrderPlaced', payload: { orderId: order.id, customerId: 'customer-1', items, totalCents: 900, placedAt: order.createdAt } },
      { name: 'payments.RequestPayment', payload: { orderId: order.id, customerId: 'customer-1', amountCents: 900 } },
    ]);
    expect(sagas.sagas.get(order.id)?.state).toBe(style === 'orchestration' ? 'AWAITING_PAYMENT' : undefined);
  });

  it('refuses an order for a customer the customers module does not know', async () => {
    await expect(place('customer-2')).rejects.toMatchObject({ code: OrdersErrors.CUSTOMER_UNKNOWN });
    expect(orders.orders.size).toBe(0);
  });

  it('confirms the order when the payment is captured, once', async () => {
    const { id } = await place();
    orders.sent();

    await answer(id, 'captured');
    await answer(id, 'captured');

    expect(orders.orders.get(id)?.status).toBe('CONFIRMED');
    expect(orders.sent()).toEqual([{ name: 'orders.OrderConfirmed', payload: { orderId: id, confirmedAt: expect.any(String) } }]);
  });

  it('cancels the order when the payment is declined, saying why', async () => {
    const { id } = await place();
    orders.sent();

    await answer(id, 'declined', 'INSUFFICIENT_FUNDS');

    expect(orders.orders.get(id)).toMatchObject({ status: 'CANCELLED', cancellationReason: 'PAYMENT_DECLINED', declineReason: 'INSUFFICIENT_FUNDS' });
    expect(orders.sent()).toEqual([
      { name: 'orders.OrderCancelled', payload: { orderId: id, reason: 'PAYMENT_DECLINED', declineReason: 'INSUFFICIENT_FUNDS', cancelledAt: expect.any(String) } },
    ]);
  });

  it('refunds a confirmed order the customer cancels; a second cancel is refused', async () => {
    const { id } = await place();
    await answer(id, 'captured');
    orders.sent();

    await expect(cancel(id)).resolves.toMatchObject({ status: 'CANCELLED', cancellationReason: 'CANCELLED_BY_CUSTOMER' });

    expect(orders.sent().map((m) => m.name).sort()).toEqual(['orders.OrderCancelled', 'payments.RequestRefund']);
    await expect(cancel(id)).rejects.toMatchObject({ code: OrdersErrors.ALREADY_CANCELLED });
  });

  it('cancels an order not paid by its deadline and asks for a refund of a capture coming late', async () => {
    const { id } = await place();
    orders.sent();
    const deadline = new EnforcePaymentDeadlineHandler(orders, orchestrator());

    await deadline.execute(new EnforcePaymentDeadlineCommand(id));
    expect(orders.orders.get(id)?.status).toBe('PENDING');

    jest.useFakeTimers({ now: Date.now() + 61_000, doNotFake: ['nextTick', 'setImmediate'] });
    try {
      await deadline.execute(new EnforcePaymentDeadlineCommand(id));
    } finally {
      jest.useRealTimers();
    }

    expect(orders.orders.get(id)).toMatchObject({ status: 'CANCELLED', cancellationReason: 'PAYMENT_TIMEOUT' });
    const sent = orders.sent();
    expect(sent).toContainEqual({ name: 'orders.OrderCancelled', payload: { orderId: id, reason: 'PAYMENT_TIMEOUT', cancelledAt: expect.any(String) } });
    // In orchestration the refund waits for the capture, if one comes; in choreography it is asked at once.
    expect(sent.some((m) => m.name === 'payments.RequestRefund')).toBe(style === 'choreography');
  });
});
