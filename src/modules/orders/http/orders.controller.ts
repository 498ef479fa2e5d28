import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { IdempotencyKey } from '../../../shared/http/idempotency-key.decorator';
import { Page } from '../../../shared/pagination/page';
import { OrderDto } from '../contracts/order.dto';
import { OrdersPort } from '../contracts/orders.port';
import { ListOrdersQueryParams } from './dto/list-orders.query';
import { PlaceOrderBody } from './dto/place-order.body';

/** HTTP in front of the orders port. */
@Controller('api/v1/orders')
export class OrdersController {
  constructor(private readonly orders: OrdersPort) {}

  /** 202: the order is accepted as PENDING; its payment settles it a moment later. */
  @Post()
  @HttpCode(202)
  place(@Body() body: PlaceOrderBody, @IdempotencyKey() idempotencyKey?: string): Promise<OrderDto> {
    const items = body.items.map(({ sku, quantity, unitPriceCents }) => ({ sku, quantity, unitPriceCents }));
    return this.orders.place({ customerId: body.customerId, items }, { idempotencyKey });
  }

  @Get()
  list(@Query() query: ListOrdersQueryParams): Promise<Page<OrderDto>> {
    return this.orders.list({ customerId: query.customerId, status: query.status }, query.toPageRequest());
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<OrderDto> {
    return this.orders.get(id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@Param('id', ParseUUIDPipe) id: string): Promise<OrderDto> {
    return this.orders.cancel(id);
  }
}
