import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OrderSagaEvent } from '../../../domain/order-saga';
import { OrdersRepository } from '../../orders.repository';
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
    private readonly orders: OrdersRepository,
    private readonly orchestrator: OrderSagaOrchestrator,
  ) {}

  async execute({ orderId, outcome, declineReason }: RecordPaymentOutcomeCommand): Promise<void> {
    const order = await this.orders.findForUpdate(orderId);
    if (!order) {
      this.logger.warn(`payment ${outcome} for unknown order ${orderId}: ignored`);
      return;
    }
    const now = new Date();
    if (await this.orchestrator.handle(order, SAGA_EVENTS[outcome], now, declineReason)) return;

    if (outcome === 'captured') order.confirm(now);
    if (outcome === 'declined') order.cancelUnpaid('PAYMENT_DECLINED', now, declineReason);
    await this.orders.save(order);
  }
}
