import { DeclineReason } from '../../payments/contracts';
import { CancellationReason, OrderItemDto, OrderStatus } from '../contracts/order.dto';
import { OrderAlreadyCancelledError } from './order-errors';

/**
 * An order and the rules of its life: PENDING until payments answers, then CONFIRMED or CANCELLED; a
 * customer may cancel it while it is PENDING or CONFIRMED. The state-changing methods return whether
 * anything changed, so that a late or repeated answer from payments is a no-op rather than an error.
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
  ) {}

  static place(id: string, customerId: string, items: OrderItemDto[], now: Date): Order {
    const totalCents = items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
    return new Order(id, customerId, items, totalCents, 'PENDING', null, null, now, now);
  }

  /** Payment captured: confirms a PENDING order. An order cancelled meanwhile stays cancelled (and is refunded). */
  confirm(now: Date): boolean {
    if (this.status !== 'PENDING') return false;
    this.status = 'CONFIRMED';
    this.updatedAt = now;
    return true;
  }

  /** Payment declined: cancels a PENDING order, keeping why when payments said so in a way we know. */
  declinePayment(now: Date, reason: DeclineReason | undefined): boolean {
    if (this.status !== 'PENDING') return false;
    this.declineReason = reason ?? null;
    return this.cancel('PAYMENT_DECLINED', now);
  }

  /** The customer cancels; whatever was or will be captured for this order is refunded. */
  cancelByCustomer(now: Date): void {
    if (this.status === 'CANCELLED') throw new OrderAlreadyCancelledError(this.id);
    this.cancel('CANCELLED_BY_CUSTOMER', now);
  }

  private cancel(reason: CancellationReason, now: Date): boolean {
    this.status = 'CANCELLED';
    this.cancellationReason = reason;
    this.updatedAt = now;
    return true;
  }
}
