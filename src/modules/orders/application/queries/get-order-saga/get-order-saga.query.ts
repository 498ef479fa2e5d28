import { Query } from '@nestjs/cqrs';
import { OrderSagaDto } from '../../../contracts/order-saga.dto';

export class GetOrderSagaQuery extends Query<OrderSagaDto> {
  constructor(readonly orderId: string) {
    super();
  }
}
