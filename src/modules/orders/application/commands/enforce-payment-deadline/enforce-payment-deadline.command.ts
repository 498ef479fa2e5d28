import { Command } from '@nestjs/cqrs';

/** The order's payment deadline has passed (found by the sweep): cancel it if payments has still not answered. */
export class EnforcePaymentDeadlineCommand extends Command<void> {
  constructor(readonly orderId: string) {
    super();
  }
}
