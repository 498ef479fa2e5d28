import { Command } from '@nestjs/cqrs';
import { OrderDto, PlaceOrderInput } from '../../../contracts/order.dto';

export class PlaceOrderCommand extends Command<OrderDto> {
  constructor(
    readonly input: PlaceOrderInput,
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}
