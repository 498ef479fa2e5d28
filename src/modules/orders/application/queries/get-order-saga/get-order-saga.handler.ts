import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { OrderSagaDto } from '../../../contracts/order-saga.dto';
import { OrderNotFoundError } from '../../../domain/order-errors';
import { OrderSagaRepository } from '../../order-saga.repository';
import { OrdersRepository } from '../../orders.repository';
import { GetOrderSagaQuery } from './get-order-saga.query';
import { choreographedSagaView, orchestratedSagaView } from './order-saga-views';

/** Where an order's saga stands: its orchestrator's record, or for a choreographed order what the order itself shows. */
@QueryHandler(GetOrderSagaQuery)
export class GetOrderSagaHandler implements IQueryHandler<GetOrderSagaQuery, OrderSagaDto> {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly sagas: OrderSagaRepository,
  ) {}

  async execute({ orderId }: GetOrderSagaQuery): Promise<OrderSagaDto> {
    const order = await this.orders.find(orderId);
    if (!order) throw new OrderNotFoundError(orderId);
    const saga = await this.sagas.find(orderId);
    return saga ? orchestratedSagaView(saga, order) : choreographedSagaView(order);
  }
}
