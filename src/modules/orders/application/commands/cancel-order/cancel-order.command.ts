import { Command } from '@nestjs/cqrs';
import { OrderDto } from '../../../contracts/order.dto';

export class CancelOrderCommand extends Command<OrderDto> {
  constructor(readonly orderId: string) {
    super();
  }
}
