import { Query } from '@nestjs/cqrs';
import { Page, PageRequest } from '../../../../../module-kit/pagination/page';
import { OrderDto, OrderListFilter } from '../../../contracts/order.dto';

export class ListOrdersQuery extends Query<Page<OrderDto>> {
  constructor(
    readonly filter: OrderListFilter,
    readonly page: PageRequest,
  ) {
    super();
  }
}
