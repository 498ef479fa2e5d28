import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ModuleDatabase } from '../../../../../shared/database/module-database';
import { Outbox } from '../../../../../shared/messaging/outbox';
import { OrderCancelled, OrderConfirmed } from '../../../contracts/orders.events';
import { OrderSagaEvent } from '../../../domain/order-saga';
import { OrdersRepository } from '../../../infrastructure/orders.repository';
import { OrderSagaOrchestrator } from '../../saga/order-saga-orchestrator';
import { PaymentOutcome, RecordPaymentOutcomeCommand } from './record-payment-outcome.command';

const SAGA_EVENTS: Record<PaymentOutcome, OrderSagaEvent> = { captured: 'PAYMENT_CAPTURED', declined: 'PAYMENT_DECLINED', refunded: 'PAYMENT_REFUNDED' };

/**
 * Payments' answer for an order. An orchestrated order is handed to its orchestrator. A choreographed one
 * reacts itself: a PENDING order is confirmed or cancelled; one cancelled meanwhile (by its customer, or by
 * its deadline) stays cancelled, its refund already requested; a refund changes nothing.
 */
@CommandHandler(RecordPaymentOutcomeCommand)
export class RecordPaymentOutcomeHandler implements ICommandHandler<RecordPaymentOutcomeCommand, void> {
  private readonly logger = new Logger(RecordPaymentOutcomeHandler.name);

  constructor(
    private readonly db: ModuleDatabase,
    private readonly orders: OrdersRepository,
    private readonly orchestrator: OrderSagaOrchestrator,
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
      if (await this.orchestrator.handle(order, SAGA_EVENTS[outcome], now, declineReason)) return;

      if (outcome === 'refunded') return;
      const changed = outcome === 'captured' ? order.confirm(now) : order.cancelUnpaid('PAYMENT_DECLINED', now, declineReason);
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
