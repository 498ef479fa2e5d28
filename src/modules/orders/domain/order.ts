import { AggregateRoot } from '@nestjs/cqrs';
import { DeclineReason } from '../../payments/contracts';
import { CancellationReason, OrderItemDto, OrderStatus } from '../contracts/order.dto';
import { OrderAlreadyCancelledError } from './order-errors';
import { OrderCancelledEvent, OrderConfirmedEvent, OrderPlacedEvent, PaymentRequestedEvent, RefundRequestedEvent } from './order-events';

/** Why an order may be cancelled before payments settled it, other than by the customer. */
export type UnpaidReason = Extract<CancellationReason, 'PAYMENT_DECLINED' | 'PAYMENT_TIMEOUT'>;

/**
 * An order and the rules of its life: PENDING until payments answers, then CONFIRMED or CANCELLED; a
 * customer may cancel it while it is PENDING or CONFIRMED. The state-changing methods return whether
 * anything changed, so that a late or repeated answer from payments is a no-op rather than an error; each change
 * is recorded as an event, which the unit of work turns into the module's messages when the order is saved.
 * In choreography the order decides its refunds itself (`cancelByCustomer`, `enforcePaymentDeadline`); in
 * orchestration its saga decides and the orchestrator carries that out (`cancelAsSagaDecided`, `requestRefund`).
 * `paymentDeadline` is the order's own deadline when its saga is choreographed; an orchestrated order has
 * none of its own (its saga keeps it).
 */
export class Order extends AggregateRoot {
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
  ) {
    super();
  }

  static place(id: string, customerId: string, items: OrderItemDto[], now: Date, paymentDeadline: Date | null): Order {
    const totalCents = items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
    const order = new Order(id, customerId, items, totalCents, 'PENDING', null, null, now, now, paymentDeadline);
    order.apply(new OrderPlacedEvent(id, customerId, items, totalCents, now));
    return order;
  }

  /** Payments is asked to capture the order's total. */
  requestPayment(): void {
    this.apply(new PaymentRequestedEvent(this.id, this.customerId, this.totalCents));
  }

  /** Payments is asked to give back whatever it captured (or will capture) for the order. */
  requestRefund(): void {
    this.apply(new RefundRequestedEvent(this.id));
  }

  /** Payment captured: confirms a PENDING order. An order cancelled meanwhile stays cancelled (and is refunded). */
  confirm(now: Date): boolean {
    if (this.status !== 'PENDING') return false;
    this.status = 'CONFIRMED';
    this.updatedAt = now;
    this.apply(new OrderConfirmedEvent(this.id, now));
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

  /**
   * Choreography: the customer cancels; whatever was or will be captured for this order is refunded. The refund
   * request goes out after the order's payment request, so a payment still in flight is refunded too.
   */
  cancelByCustomer(now: Date): void {
    this.assertNotCancelled();
    this.cancel('CANCELLED_BY_CUSTOMER', now);
    this.requestRefund();
  }

  /**
   * Choreography: cancels an order payments has not answered by its own deadline, and asks for a refund that
   * gives back a capture coming late. False when the order is no longer waiting (a second sweep).
   */
  enforcePaymentDeadline(now: Date): boolean {
    if (!this.isPaymentOverdue(now)) return false;
    this.cancelUnpaid('PAYMENT_TIMEOUT', now);
    this.requestRefund();
    return true;
  }

  /** Orchestration: cancelled as the order's saga decided; refunds are the saga's to ask for. */
  cancelAsSagaDecided(reason: CancellationReason, now: Date, declineReason?: DeclineReason): void {
    if (reason !== 'CANCELLED_BY_CUSTOMER') {
      this.cancelUnpaid(reason, now, declineReason);
      return;
    }
    this.assertNotCancelled();
    this.cancel(reason, now);
  }

  /** Still waiting for payments past its own deadline. */
  isPaymentOverdue(now: Date): boolean {
    return this.status === 'PENDING' && this.paymentDeadline !== null && this.paymentDeadline.getTime() <= now.getTime();
  }

  private assertNotCancelled(): void {
    if (this.status === 'CANCELLED') throw new OrderAlreadyCancelledError(this.id);
  }

  private cancel(reason: CancellationReason, now: Date): boolean {
    this.status = 'CANCELLED';
    this.cancellationReason = reason;
    this.updatedAt = now;
    this.apply(new OrderCancelledEvent(this.id, reason, this.declineReason, now));
    return true;
  }
}
