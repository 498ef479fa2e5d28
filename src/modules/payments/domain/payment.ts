import { AggregateRoot } from '@nestjs/cqrs';
import { PaymentStatus } from '../contracts/payments.dto';
import { DeclineReason } from '../contracts/payments.errors';
import { PaymentCapturedEvent, PaymentDeclinedEvent, PaymentRefundedEvent } from './payment-events';

/**
 * Payments' answer to one order's payment request: CAPTURED or DECLINED (with why), and a captured one may
 * later be REFUNDED, once. Each step is recorded as an event: orders hears of it.
 */
export class Payment extends AggregateRoot {
  constructor(
    readonly id: string,
    readonly orderId: string,
    readonly customerId: string,
    readonly amountCents: number,
    public status: PaymentStatus,
    readonly reason: string | null,
    readonly createdAt: Date,
  ) {
    super();
  }

  /** The answer to an order's request: captured, or declined for `declineReason`. */
  static settle(id: string, request: { orderId: string; customerId: string; amountCents: number }, declineReason: DeclineReason | undefined, now: Date): Payment {
    const payment = new Payment(id, request.orderId, request.customerId, request.amountCents, declineReason ? 'DECLINED' : 'CAPTURED', declineReason ?? null, now);
    payment.apply(declineReason ? new PaymentDeclinedEvent(payment.facts, declineReason) : new PaymentCapturedEvent(payment.facts));
    return payment;
  }

  /** Gives a captured payment back; false for a declined or already refunded one, which has nothing to give. */
  refund(): boolean {
    if (this.status !== 'CAPTURED') return false;
    this.status = 'REFUNDED';
    this.apply(new PaymentRefundedEvent(this.facts));
    return true;
  }

  private get facts() {
    return { paymentId: this.id, orderId: this.orderId, customerId: this.customerId, amountCents: this.amountCents };
  }
}
