import { DeclineReason } from '../../payments/contracts';
import { CancellationReason, OrderItemDto, OrderStatus } from '../contracts/order.dto';
import { OrderAlreadyCancelledError } from './order-errors';

/** Why an order may be cancelled before payments settled it, other than by the customer. */
export type UnpaidReason = Extract<CancellationReason, 'PAYMENT_DECLINED' | 'PAYMENT_TIMEOUT'>;

/**
 * An order and the rules of its life: PENDING until payments answers, then CONFIRMED or CANCELLED; a
 * customer may cancel it while it is PENDING or CONFIRMED. The state-changing methods return whether
 * anything changed, so that a late or repeated answer from payments is a no-op rather than an error.
 * `paymentDeadline` is the order's own deadline when its saga is choreographed; an orchestrated order has
 * none of its own (its saga keeps it).
 */
export class Order {
  constructor(
    readonly id: string,
    readonly customerId: string,
    readonly items: OrderItemDto[],
    readonly totalCents: number,
    public status: OrderStatus,
    public cancellationReason: CancellationReason | null,
    public declineReason: DeclineReason | null,
    readonly createdAt: Date,
    public updatedAt: Date,
    readonly paymentDeadline: Date | null,
  ) {}

  static place(id: string, customerId: string, items: OrderItemDto[], now: Date, paymentDeadline: Date | null): Order {
    const totalCents = items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
    return new Order(id, customerId, items, totalCents, 'PENDING', null, null, now, now, paymentDeadline);
  }

  /** Payment captured: confirms a PENDING order. An order cancelled meanwhile stays cancelled (and is refunded). */
  confirm(now: Date): boolean {
    if (this.status !== 'PENDING') return false;
    this.status = 'CONFIRMED';
    this.updatedAt = now;
    return true;
  }

  /**
   * Payment declined, or not answered in time: cancels a PENDING order, keeping why payments declined when it
   * said so with a code this module knows.
   */
  cancelUnpaid(reason: UnpaidReason, now: Date, declineReason?: DeclineReason): boolean {
    if (this.status !== 'PENDING') return false;
    this.declineReason = declineReason ?? null;
    return this.cancel(reason, now);
  }

  /** The customer cancels; whatever was or will be captured for this order is refunded. */
  cancelByCustomer(now: Date): void {
    if (this.status === 'CANCELLED') throw new OrderAlreadyCancelledError(this.id);
    this.cancel('CANCELLED_BY_CUSTOMER', now);
  }

  /** Still waiting for payments past its own deadline. */
  isPaymentOverdue(now: Date): boolean {
    return this.status === 'PENDING' && this.paymentDeadline !== null && this.paymentDeadline.getTime() <= now.getTime();
  }

  private cancel(reason: CancellationReason, now: Date): boolean {
    this.status = 'CANCELLED';
    this.cancellationReason = reason;
    this.updatedAt = now;
    return true;
  }
}
