import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OrdersRepository } from '../../orders.repository';
import { OrderSagaOrchestrator } from '../../saga/order-saga-orchestrator';
import { EnforcePaymentDeadlineCommand } from './enforce-payment-deadline.command';

/**
 * Cancels an order payments has not answered by its deadline (PAYMENT_TIMEOUT). An orchestrated order is
 * handed to its orchestrator. A choreographed one cancels itself and, as a customer's cancel does, asks
 * payments for a refund (Order.enforcePaymentDeadline). Run twice (two replicas sweeping), the second finds
 * the order no longer waiting and does nothing.
 */
@CommandHandler(EnforcePaymentDeadlineCommand)
export class EnforcePaymentDeadlineHandler implements ICommandHandler<EnforcePaymentDeadlineCommand, void> {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly orchestrator: OrderSagaOrchestrator,
  ) {}

  async execute({ orderId }: EnforcePaymentDeadlineCommand): Promise<void> {
    const order = await this.orders.findForUpdate(orderId);
    if (!order) return;
    const now = new Date();
    if (await this.orchestrator.handle(order, 'PAYMENT_DEADLINE_PASSED', now)) return;
    if (order.enforcePaymentDeadline(now)) await this.orders.save(order);
  }
}
