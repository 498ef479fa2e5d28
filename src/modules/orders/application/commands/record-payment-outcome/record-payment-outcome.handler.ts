import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ModuleDatabase } from '../../../../../shared/database/module-database';
import { Outbox } from '../../../../../shared/messaging/outbox';
import { OrderCancelled, OrderConfirmed } from '../../../contracts/orders.events';
import { OrdersRepository } from '../../../infrastructure/orders.repository';
import { RecordPaymentOutcomeCommand } from './record-payment-outcome.command';

/** Settles a PENDING order from payments' answer; an order the customer cancelled meanwhile stays cancelled. */
@CommandHandler(RecordPaymentOutcomeCommand)
export class RecordPaymentOutcomeHandler implements ICommandHandler<RecordPaymentOutcomeCommand, void> {
  private readonly logger = new Logger(RecordPaymentOutcomeHandler.name);

  constructor(
    private readonly db: ModuleDatabase,
    private readonly orders: OrdersRepository,
    private readonly outbox: Outbox,
  ) {}

  execute({ orderId, outcome, declineReason }: RecordPaymentOutcomeCommand): Promise<void> {
    return this.db.transaction(async () => {
      const order = await this.orders.findForUpdate(orderId);
      if (!order) {
        this.logger.warn(`payment ${outcome} for unknown order ${orderId}: ignored`);
        return;
      }
      const now = new Date();
      const changed = outcome === 'captured' ? order.confirm(now) : order.declinePayment(now, declineReason);
      if (!changed) return;
      await this.orders.save(order);
      const at = now.toISOString();
      await this.outbox.publish(
        outcome === 'captured'
          ? new OrderConfirmed({ orderId, confirmedAt: at })
          : new OrderCancelled({ orderId, reason: 'PAYMENT_DECLINED', ...(declineReason ? { declineReason } : {}), cancelledAt: at }),
      );
    });
  }
}
