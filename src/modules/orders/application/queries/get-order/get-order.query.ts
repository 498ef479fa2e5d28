import { Query } from '@nestjs/cqrs';
import { OrderDto } from '../../../contracts/order.dto';

export class GetOrderQuery extends Query<OrderDto> {
  constructor(readonly orderId: string) {
    super();
  }
}
