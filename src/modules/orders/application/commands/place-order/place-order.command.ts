import { Command } from '@nestjs/cqrs';
import { IdempotencyClaim, IdempotentCommand } from '../../../../../module-kit/unit-of-work';
import { OrderDto, PlaceOrderInput } from '../../../contracts/order.dto';

export class PlaceOrderCommand extends Command<OrderDto> implements IdempotentCommand {
  constructor(
    readonly input: PlaceOrderInput,
    readonly idempotencyKey?: string,
  ) {
    super();
  }

  get idempotency(): IdempotencyClaim {
    return { scope: 'orders.place', key: this.idempotencyKey, request: this.input };
  }
}
