import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OrderDto } from '../../../contracts/order.dto';
import { OrderNotFoundError } from '../../../domain/order-errors';
import { toOrderDto } from '../../order.dto-mapper';
import { OrdersRepository } from '../../orders.repository';
import { OrderSagaOrchestrator } from '../../saga/order-saga-orchestrator';
import { CancelOrderCommand } from './cancel-order.command';

/**
 * The customer cancels. An orchestrated order is handed to its orchestrator, which refunds a payment it knows
 * was captured, now or when the capture arrives. A choreographed one asks payments to refund whatever it
 * captured for the order (Order.cancelByCustomer).
 */
@CommandHandler(CancelOrderCommand)
export class CancelOrderHandler implements ICommandHandler<CancelOrderCommand, OrderDto> {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly orchestrator: OrderSagaOrchestrator,
  ) {}

  async execute({ orderId }: CancelOrderCommand): Promise<OrderDto> {
    const order = await this.orders.findForUpdate(orderId);
    if (!order) throw new OrderNotFoundError(orderId);
    const now = new Date();
    if (!(await this.orchestrator.handle(order, 'CANCELLED_BY_CUSTOMER', now))) {
      order.cancelByCustomer(now);
      await this.orders.save(order);
    }
    return toOrderDto(order);
  }
}
