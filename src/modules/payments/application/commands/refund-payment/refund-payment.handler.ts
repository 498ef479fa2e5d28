import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ModuleDatabase } from '../../../../../shared/database/module-database';
import { Outbox } from '../../../../../shared/messaging/outbox';
import { PaymentRefunded } from '../../../contracts/payments.messages';
import { AccountStore } from '../../../infrastructure/account-store';
import { PaymentsRepository } from '../../../infrastructure/payments.repository';
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
    private readonly db: ModuleDatabase,
    private readonly store: AccountStore,
    private readonly payments: PaymentsRepository,
    private readonly outbox: Outbox,
  ) {}

  execute({ orderId }: RefundPaymentCommand): Promise<void> {
    return this.db.transaction(async () => {
      const payment = await this.payments.findByOrder(orderId);
      if (!payment) {
        this.logger.warn(`refund requested for order ${orderId}, which has no payment: ignored`);
        return;
      }
      if (payment.status !== 'CAPTURED') return;
      await this.store.change(payment.customerId, () => [{ type: 'PaymentRefunded', amountCents: payment.amountCents, orderId }]);
      payment.status = 'REFUNDED';
      await this.payments.save(payment);
      await this.outbox.publish(
        new PaymentRefunded({ paymentId: payment.id, orderId, customerId: payment.customerId, amountCents: payment.amountCents }),
      );
    });
  }
}
