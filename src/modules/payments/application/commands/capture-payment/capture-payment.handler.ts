import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { ModuleDatabase } from '../../../../../shared/database/module-database';
import { MessageVersions } from '../../../../../shared/messaging/message-versions';
import { Outbox } from '../../../../../shared/messaging/outbox';
import { DeclineReason, DeclineReasons } from '../../../contracts/payments.errors';
import { PaymentCaptured, PaymentDeclined, PaymentDeclinedV2 } from '../../../contracts/payments.messages';
import { AccountHoldersRepository } from '../../../infrastructure/account-holders.repository';
import { AccountStore } from '../../../infrastructure/account-store';
import { PaymentRecord } from '../../../infrastructure/payment.records';
import { PaymentsRepository } from '../../../infrastructure/payments.repository';
import { AccountOpening } from '../../account-opening';
import { CapturePaymentCommand } from './capture-payment.command';

/**
 * Captures an order's total if the balance covers it, else declines; either way one payment is recorded
 * for the order and the answer is published, in one transaction. A decline goes out in both versions of
 * PaymentDeclined: an orders of the release before knows only version 1 (docs/versioning.md).
 */
@CommandHandler(CapturePaymentCommand)
export class CapturePaymentHandler implements ICommandHandler<CapturePaymentCommand, void> {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly holders: AccountHoldersRepository,
    private readonly opening: AccountOpening,
    private readonly store: AccountStore,
    private readonly payments: PaymentsRepository,
    private readonly outbox: Outbox,
  ) {}

  execute({ orderId, customerId, amountCents }: CapturePaymentCommand): Promise<void> {
    return this.db.transaction(async () => {
      if (await this.payments.findByOrder(orderId)) return; // already answered

      // The orders module checked the customer when it accepted the order: the request is proof enough.
      await this.opening.open(customerId);
      const holder = await this.holders.find(customerId);
      let declineReason: DeclineReason | undefined = holder?.closedAt ? DeclineReasons.ACCOUNT_CLOSED : undefined;
      if (!declineReason) {
        const { appended } = await this.store.change(customerId, (account) =>
          account.canPay(amountCents) ? [{ type: 'PaymentCaptured', amountCents, orderId }] : [],
        );
        if (appended.length === 0) declineReason = DeclineReasons.INSUFFICIENT_FUNDS;
      }

      const payment = Object.assign(new PaymentRecord(), {
        id: randomUUID(),
        orderId,
        customerId,
        amountCents,
        status: declineReason ? 'DECLINED' : 'CAPTURED',
        reason: declineReason ?? null,
        createdAt: new Date(),
      });
      await this.payments.save(payment);
      const outcome = { paymentId: payment.id, orderId, customerId, amountCents };
      const declined = declineReason && { ...outcome, reason: declineReason };
      await this.outbox.publish(declined ? new MessageVersions(new PaymentDeclined(declined), new PaymentDeclinedV2(declined)) : new PaymentCaptured(outcome));
    });
  }
}
