import { Command } from '@nestjs/cqrs';

/** Payments was asked (RequestPayment) to capture an order's total. */
export class CapturePaymentCommand extends Command<void> {
  constructor(
    readonly orderId: string,
    readonly customerId: string,
    readonly amountCents: number,
  ) {
    super();
  }
}
