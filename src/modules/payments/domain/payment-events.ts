import { DeclineReason } from '../contracts/payments.errors';

/** What every answer to an order's payment request says. */
interface PaymentFacts {
  readonly paymentId: string;
  readonly orderId: string;
  readonly customerId: string;
  readonly amountCents: number;
}

export class PaymentCapturedEvent {
  constructor(readonly payment: PaymentFacts) {}
}

export class PaymentDeclinedEvent {
  constructor(
    readonly payment: PaymentFacts,
    readonly reason: DeclineReason,
  ) {}
}

export class PaymentRefundedEvent {
  constructor(readonly payment: PaymentFacts) {}
}
