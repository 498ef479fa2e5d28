import { Command } from '@nestjs/cqrs';

export type PaymentOutcome = 'captured' | 'declined' | 'refunded';

/** Payments answered an order's payment request, or reported its refund done. */
export class RecordPaymentOutcomeCommand extends Command<void> {
  constructor(
    readonly orderId: string,
    readonly outcome: PaymentOutcome,
  ) {
    super();
  }
}
