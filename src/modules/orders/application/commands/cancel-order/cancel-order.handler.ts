import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ModuleDatabase } from '../../../../../shared/database/module-database';
import { Outbox } from '../../../../../shared/messaging/outbox';
import { RequestRefund } from '../../../../payments/contracts';
import { OrderDto } from '../../../contracts/order.dto';
import { OrderCancelled } from '../../../contracts/orders.events';
import { OrderNotFoundError } from '../../../domain/order-errors';
import { OrdersRepository, toOrderDto } from '../../../infrastructure/orders.repository';
import { OrderSagaOrchestrator } from '../../saga/order-saga-orchestrator';
import { CancelOrderCommand } from './cancel-order.command';

/**
 * The customer cancels. An orchestrated order is handed to its orchestrator, which refunds a payment it knows
 * was captured, now or when the capture arrives. A choreographed one asks payments to refund whatever it
 * captured for the order; because that request is delivered after the order's payment request, a payment
 * still in flight is refunded too.
 */
@CommandHandler(CancelOrderCommand)
export class CancelOrderHandler implements ICommandHandler<CancelOrderCommand, OrderDto> {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly orders: OrdersRepository,
    private readonly orchestrator: OrderSagaOrchestrator,
    private readonly outbox: Outbox,
  ) {}

  execute({ orderId }: CancelOrderCommand): Promise<OrderDto> {
    return this.db.transaction(async () => {
      const order = await this.orders.findForUpdate(orderId);
      if (!order) throw new OrderNotFoundError(orderId);
      const now = new Date();
      if (await this.orchestrator.handle(order, 'CANCELLED_BY_CUSTOMER', now)) return toOrderDto(order);

      order.cancelByCustomer(now);
      await this.orders.save(order);
      const cancelled = toOrderDto(order);
      await this.outbox.publish(
        new OrderCancelled({ orderId, reason: 'CANCELLED_BY_CUSTOMER', cancelledAt: cancelled.updatedAt }),
        new RequestRefund({ orderId }),
      );
      return cancelled;
    });
  }
}
