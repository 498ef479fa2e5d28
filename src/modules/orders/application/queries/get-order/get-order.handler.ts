import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { OrderDto } from '../../../contracts/order.dto';
import { OrderNotFoundError } from '../../../domain/order-errors';
import { toOrderDto } from '../../order.dto-mapper';
import { OrdersRepository } from '../../orders.repository';
import { GetOrderQuery } from './get-order.query';

/** One order, read from the write model so that it is never stale. */
@QueryHandler(GetOrderQuery)
export class GetOrderHandler implements IQueryHandler<GetOrderQuery, OrderDto> {
  constructor(private readonly orders: OrdersRepository) {}

  async execute({ orderId }: GetOrderQuery): Promise<OrderDto> {
    const order = await this.orders.find(orderId);
    if (!order) throw new OrderNotFoundError(orderId);
    return toOrderDto(order);
  }
}
