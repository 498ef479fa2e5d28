import { Command } from '@nestjs/cqrs';
import { DeclineReason } from '../../../../payments/contracts';

export type PaymentOutcome = 'captured' | 'declined' | 'refunded';

/** Payments answered an order's payment request, or reported its refund done. */
export class RecordPaymentOutcomeCommand extends Command<void> {
  constructor(
    readonly orderId: string,
    readonly outcome: PaymentOutcome,
    /** Why a payment was declined, when payments said so with a code this module knows. */
    readonly declineReason?: DeclineReason,
  ) {
    super();
  }
}
