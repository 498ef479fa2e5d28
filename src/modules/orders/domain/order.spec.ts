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

  const placed = () => Order.place('order-1', 'customer-1', items, placedAt);

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

  it('is cancelled by a declined payment, with the reason', () => {
    const order = placed();
    expect(order.declinePayment(later)).toBe(true);
    expect(order).toMatchObject({ status: 'CANCELLED', cancellationReason: 'PAYMENT_DECLINED' });
  });

  it('ignores a decline that arrives after the order was confirmed', () => {
    const order = placed();
    order.confirm(later);
    expect(order.declinePayment(later)).toBe(false);
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
