import { Command } from '@nestjs/cqrs';

export type PaymentOutcome = 'captured' | 'declined';

/** Payments answered an order's payment request. */
export class RecordPaymentOutcomeCommand extends Command<void> {
  constructor(
    readonly orderId: string,
    readonly outcome: PaymentOutcome,
  ) {
    super();
  }
}
