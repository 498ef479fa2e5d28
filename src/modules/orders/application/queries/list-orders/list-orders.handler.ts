import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Page } from '../../../../../module-kit/pagination/page';
import { OrderDto } from '../../../contracts/order.dto';
import { OrderList } from '../../order-list';
import { ListOrdersQuery } from './list-orders.query';

/** Order lists come from the read model, which the projection keeps up to date from the orders' events. */
@QueryHandler(ListOrdersQuery)
export class ListOrdersHandler implements IQueryHandler<ListOrdersQuery, Page<OrderDto>> {
  constructor(private readonly orderList: OrderList) {}

  execute({ filter, page }: ListOrdersQuery): Promise<Page<OrderDto>> {
    return this.orderList.list(filter, page);
  }
}
