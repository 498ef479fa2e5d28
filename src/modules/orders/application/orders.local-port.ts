import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Page, PageRequest } from '../../../module-kit/pagination/page';
import { OrderSagaDto } from '../contracts/order-saga.dto';
import { OrderSummaryDto } from '../contracts/order-summary.dto';
import { OrderDto, OrderListFilter, PlaceOrderInput } from '../contracts/order.dto';
import { OrdersPort, PlaceOrderOptions } from '../contracts/orders.port';
import { CancelOrderCommand } from './commands/cancel-order/cancel-order.command';
import { PlaceOrderCommand } from './commands/place-order/place-order.command';
import { GetOrderQuery } from './queries/get-order/get-order.query';
import { GetOrderSummaryQuery } from './queries/get-order-summary/get-order-summary.query';
import { GetOrderSagaQuery } from './queries/get-order-saga/get-order-saga.query';
import { ListOrdersQuery } from './queries/list-orders/list-orders.query';

/** The orders port in the process that hosts the module: each call is a command or a query on the buses. */
@Injectable()
export class LocalOrdersPort extends OrdersPort {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {
    super();
  }

  place(input: PlaceOrderInput, options: PlaceOrderOptions = {}): Promise<OrderDto> {
    return this.commands.execute(new PlaceOrderCommand(input, options.idempotencyKey));
  }

  get(orderId: string): Promise<OrderDto> {
    return this.queries.execute(new GetOrderQuery(orderId));
  }

  list(filter: OrderListFilter, page: PageRequest): Promise<Page<OrderDto>> {
    return this.queries.execute(new ListOrdersQuery(filter, page));
  }

  cancel(orderId: string): Promise<OrderDto> {
    return this.commands.execute(new CancelOrderCommand(orderId));
  }

  getSaga(orderId: string): Promise<OrderSagaDto> {
    return this.queries.execute(new GetOrderSagaQuery(orderId));
  }

  getSummary(orderId: string): Promise<OrderSummaryDto> {
    return this.queries.execute(new GetOrderSummaryQuery(orderId));
  }
}
