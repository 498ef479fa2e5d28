import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { DeclineReason, DeclineReasons } from '../../../contracts/payments.errors';
import { Payment } from '../../../domain/payment';
import { AccountHolders } from '../../account-holders';
import { AccountOpening } from '../../account-opening';
import { AccountRepository } from '../../account.repository';
import { PaymentsRepository } from '../../payments.repository';
import { CapturePaymentCommand } from './capture-payment.command';

/**
 * Captures an order's total if the balance covers it, else declines; either way one payment is recorded for
 * the order, and its answer goes to orders with the unit of work.
 */
@CommandHandler(CapturePaymentCommand)
export class CapturePaymentHandler implements ICommandHandler<CapturePaymentCommand, void> {
  constructor(
    private readonly holders: AccountHolders,
    private readonly opening: AccountOpening,
    private readonly accounts: AccountRepository,
    private readonly payments: PaymentsRepository,
  ) {}

  async execute(request: CapturePaymentCommand): Promise<void> {
    const { orderId, customerId } = request;
    if (await this.payments.findByOrder(orderId)) return; // already answered

    // The orders module checked the customer when it accepted the order: the request is proof enough.
    await this.opening.open(customerId);
    const holder = await this.holders.find(customerId);
    const declineReason = holder?.closedAt ? DeclineReasons.ACCOUNT_CLOSED : await this.capture(request);
    await this.payments.save(Payment.settle(randomUUID(), request, declineReason, new Date()));
  }

  /** Takes the total from the account; why not, when the balance does not cover it. */
  private async capture({ orderId, customerId, amountCents }: CapturePaymentCommand): Promise<DeclineReason | undefined> {
    const { appended } = await this.accounts.change(customerId, (account) => account.capture(amountCents, orderId));
    return appended.length === 0 ? DeclineReasons.INSUFFICIENT_FUNDS : undefined;
  }
}
