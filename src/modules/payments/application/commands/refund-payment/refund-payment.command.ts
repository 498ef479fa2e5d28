import { Command } from '@nestjs/cqrs';

/** Payments was asked (RequestRefund) to give back what it captured for an order. */
export class RefundPaymentCommand extends Command<void> {
  constructor(readonly orderId: string) {
    super();
  }
}
