import { Query } from '@nestjs/cqrs';
import { OrderSummaryDto } from '../../../contracts/order-summary.dto';

export class GetOrderSummaryQuery extends Query<OrderSummaryDto> {
  constructor(readonly orderId: string) {
    super();
  }
}
