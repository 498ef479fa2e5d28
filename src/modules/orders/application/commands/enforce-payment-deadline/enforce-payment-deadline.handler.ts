import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ModuleDatabase } from '../../../../../shared/database/module-database';
import { Outbox } from '../../../../../shared/messaging/outbox';
import { RequestRefund } from '../../../../payments/contracts';
import { OrderCancelled } from '../../../contracts/orders.events';
import { OrdersRepository } from '../../../infrastructure/orders.repository';
import { OrderSagaOrchestrator } from '../../saga/order-saga-orchestrator';
import { EnforcePaymentDeadlineCommand } from './enforce-payment-deadline.command';

/**
 * Cancels an order payments has not answered by its deadline (PAYMENT_TIMEOUT). An orchestrated order is
 * handed to its orchestrator. A choreographed one cancels itself and, as a customer's cancel does, asks
 * payments for a refund: delivered after the order's payment request, it gives back a capture that comes late.
 * Run twice (two replicas sweeping), the second finds the order no longer waiting and does nothing.
 */
@CommandHandler(EnforcePaymentDeadlineCommand)
export class EnforcePaymentDeadlineHandler implements ICommandHandler<EnforcePaymentDeadlineCommand, void> {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly orders: OrdersRepository,
    private readonly orchestrator: OrderSagaOrchestrator,
    private readonly outbox: Outbox,
  ) {}

  execute({ orderId }: EnforcePaymentDeadlineCommand): Promise<void> {
    return this.db.transaction(async () => {
      const order = await this.orders.findForUpdate(orderId);
      if (!order) return;
      const now = new Date();
      if (await this.orchestrator.handle(order, 'PAYMENT_DEADLINE_PASSED', now)) return;

      if (!order.isPaymentOverdue(now)) return;
      order.cancelUnpaid('PAYMENT_TIMEOUT', now);
      await this.orders.save(order);
      await this.outbox.publish(new OrderCancelled({ orderId, reason: 'PAYMENT_TIMEOUT', cancelledAt: now.toISOString() }), new RequestRefund({ orderId }));
    });
  }
}
