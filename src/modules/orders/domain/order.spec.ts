import { OrdersErrors } from '../contracts/orders.errors';
import { Order } from './order';

const placedAt = new Date('2026-12-01T10:00:00.000Z');
const deadline = new Date('2026-12-01T10:02:00.000Z');
const items = [{ sku: 'tea', quantity: 2, unitPriceCents: 250 }];

// The payment deadline of a choreographed order: the order keeps it and enforces it itself.
describe('Order, its payment deadline', () => {
  const placed = () => Order.place('order-1', 'customer-1', items, placedAt, deadline);

  it('is overdue from its deadline on, while it waits for payments', () => {
    const order = placed();

    expect(order.isPaymentOverdue(new Date(deadline.getTime() - 1))).toBe(false);
    expect(order.isPaymentOverdue(deadline)).toBe(true);
  });

  it('is cancelled with PAYMENT_TIMEOUT; a second sweeper then finds nothing to do', () => {
    const order = placed();

    expect(order.cancelUnpaid('PAYMENT_TIMEOUT', deadline)).toBe(true);
    expect(order).toEqual(expect.objectContaining({ status: 'CANCELLED', cancellationReason: 'PAYMENT_TIMEOUT', updatedAt: deadline }));
    expect(order.isPaymentOverdue(deadline)).toBe(false);
    expect(order.cancelUnpaid('PAYMENT_TIMEOUT', deadline)).toBe(false);
  });

  it('is never overdue once payments has answered, and a capture after the timeout confirms nothing', () => {
    const confirmed = placed();
    confirmed.confirm(placedAt);
    expect(confirmed.isPaymentOverdue(deadline)).toBe(false);

    const timedOut = placed();
    timedOut.cancelUnpaid('PAYMENT_TIMEOUT', deadline);
    expect(timedOut.confirm(deadline)).toBe(false);
    expect(timedOut.status).toBe('CANCELLED');
  });

  it('has none when its saga keeps it (orchestration)', () => {
    expect(Order.place('order-1', 'customer-1', items, placedAt, null).isPaymentOverdue(new Date('2100-01-01'))).toBe(false);
  });

  it('leaves a customer unable to cancel it again once it timed out', () => {
    const order = placed();
    order.cancelUnpaid('PAYMENT_TIMEOUT', deadline);

    expect(() => order.cancelByCustomer(deadline)).toThrow(expect.objectContaining({ code: OrdersErrors.ALREADY_CANCELLED }));
  });
});
