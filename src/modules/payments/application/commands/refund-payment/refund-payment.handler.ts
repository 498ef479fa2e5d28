import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../account.repository';
import { PaymentsRepository } from '../../payments.repository';
import { RefundPaymentCommand } from './refund-payment.command';

/**
 * Refunds a captured payment. A request for a declined or already refunded payment changes nothing. The
 * refund request always arrives after the payment request of the same order (the outbox keeps their
 * order), so "no payment yet" cannot happen for an order that was placed.
 */
@CommandHandler(RefundPaymentCommand)
export class RefundPaymentHandler implements ICommandHandler<RefundPaymentCommand, void> {
  private readonly logger = new Logger(RefundPaymentHandler.name);

  constructor(
    private readonly accounts: AccountRepository,
    private readonly payments: PaymentsRepository,
  ) {}

  async execute({ orderId }: RefundPaymentCommand): Promise<void> {
    const payment = await this.payments.findByOrder(orderId);
    if (!payment) {
      this.logger.warn(`refund requested for order ${orderId}, which has no payment: ignored`);
      return;
    }
    if (!payment.refund()) return;
    await this.accounts.change(payment.customerId, (account) => account.refund(payment.amountCents, orderId));
    await this.payments.save(payment);
  }
}
