import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Page } from '../../../../../shared/pagination/page';
import { OrderDto } from '../../../contracts/order.dto';
import { OrderListRepository } from '../../../infrastructure/order-list.repository';
import { ListOrdersQuery } from './list-orders.query';

/** Order lists come from the read model, which the projection keeps up to date from the orders' events. */
@QueryHandler(ListOrdersQuery)
export class ListOrdersHandler implements IQueryHandler<ListOrdersQuery, Page<OrderDto>> {
  constructor(private readonly orderList: OrderListRepository) {}

  execute({ filter, page }: ListOrdersQuery): Promise<Page<OrderDto>> {
    return this.orderList.list(filter, page);
  }
}
