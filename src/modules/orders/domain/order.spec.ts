import { OrdersErrors } from '../contracts/orders.errors';
import { Order } from './order';
import { OrderAlreadyCancelledError } from './order-errors';

// The order's life without a process, a database or HTTP: what the saga relies on when payments answers late,
// twice, or after the customer changed their mind.
describe('Order', () => {
  const placedAt = new Date('2026-01-01T10:00:00Z');
  const later = new Date('2026-01-01T10:00:05Z');
  const items = [
    { sku: 'tea', quantity: 2, unitPriceCents: 450 },
    { sku: 'cup', quantity: 1, unitPriceCents: 1200 },
  ];

  const placed = () => Order.place('order-1', 'customer-1', items, placedAt, null);

  it('is placed PENDING with the total computed from its items', () => {
    const order = placed();
    expect(order.status).toBe('PENDING');
    expect(order.totalCents).toBe(2 * 450 + 1200);
    expect(order.cancellationReason).toBeNull();
    expect(order.updatedAt).toEqual(placedAt);
  });

  it('is confirmed once by a captured payment; a repeated capture changes nothing', () => {
    const order = placed();
    expect(order.confirm(later)).toBe(true);
    expect(order.status).toBe('CONFIRMED');
    expect(order.updatedAt).toEqual(later);
    expect(order.confirm(new Date('2026-01-01T11:00:00Z'))).toBe(false);
    expect(order.updatedAt).toEqual(later);
  });

  it('is cancelled by a declined payment, keeping why payments declined it', () => {
    const order = placed();
    expect(order.cancelUnpaid('PAYMENT_DECLINED', later, 'INSUFFICIENT_FUNDS')).toBe(true);
    expect(order).toMatchObject({ status: 'CANCELLED', cancellationReason: 'PAYMENT_DECLINED', declineReason: 'INSUFFICIENT_FUNDS' });
  });

  it('ignores a decline that arrives after the order was confirmed', () => {
    const order = placed();
    order.confirm(later);
    expect(order.cancelUnpaid('PAYMENT_DECLINED', later)).toBe(false);
    expect(order.status).toBe('CONFIRMED');
  });

  it('stays cancelled when the customer cancelled before the capture arrived (the capture is refunded)', () => {
    const order = placed();
    order.cancelByCustomer(later);
    expect(order.confirm(later)).toBe(false);
    expect(order).toMatchObject({ status: 'CANCELLED', cancellationReason: 'CANCELLED_BY_CUSTOMER' });
  });

  it('can be cancelled by the customer once confirmed, but not twice', () => {
    const order = placed();
    order.confirm(later);
    order.cancelByCustomer(later);
    expect(order.status).toBe('CANCELLED');
    expect(() => order.cancelByCustomer(later)).toThrow(OrderAlreadyCancelledError);
  });
});

// The payment deadline of a choreographed order: the order keeps it and enforces it itself.
describe('Order, its payment deadline', () => {
  const placedAt = new Date('2026-12-01T10:00:00.000Z');
  const deadline = new Date('2026-12-01T10:02:00.000Z');
  const items = [{ sku: 'tea', quantity: 2, unitPriceCents: 250 }];

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
