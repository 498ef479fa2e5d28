import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, assertCanAccessCustomer } from '../../../module-kit/security/actor';
import { CurrentActor } from '../../../module-kit/security/decorators';
import { IdempotencyKey } from '../../../module-kit/http/idempotency-key.decorator';
import { ApiProblems } from '../../../module-kit/http/openapi/api-problems.decorator';
import { Page } from '../../../module-kit/pagination/page';
import { OrderSagaDto } from '../contracts/order-saga.dto';
import { OrderSummaryDto } from '../contracts/order-summary.dto';
import { OrderDto } from '../contracts/order.dto';
import { OrdersErrors } from '../contracts/orders.errors';
import { OrdersPort } from '../contracts/orders.port';
import { ListOrdersQueryParams } from './dto/list-orders.query';
import { PlaceOrderBody } from './dto/place-order.body';
import { OrderSagaResponse } from './responses/order-saga.response';
import { OrderSummaryResponse } from './responses/order-summary.response';
import { OrderPage, OrderResponse } from './responses/order.response';

/** HTTP in front of the orders port. */
@ApiTags('orders')
@Controller('api/v1/orders')
export class OrdersController {
  constructor(private readonly orders: OrdersPort) {}

  /** 202: the order is accepted as PENDING; its payment settles it a moment later. */
  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Place an order', description: 'Accepted as PENDING; the payment confirms or cancels it a moment later.' })
  @ApiAcceptedResponse({ type: OrderResponse, description: 'The order, PENDING' })
  @ApiProblems({ 422: [OrdersErrors.CUSTOMER_UNKNOWN] })
  place(@CurrentActor() actor: Actor, @Body() body: PlaceOrderBody, @IdempotencyKey() idempotencyKey?: string): Promise<OrderDto> {
    assertCanAccessCustomer(actor, body.customerId);
    const items = body.items.map(({ sku, quantity, unitPriceCents }) => ({ sku, quantity, unitPriceCents }));
    return this.orders.place({ customerId: body.customerId, items }, { idempotencyKey });
  }

  @Get()
  @ApiOperation({ summary: 'List orders', description: 'Newest first. A customer token must name its own customerId.' })
  @ApiOkResponse({ type: OrderPage, description: 'A page of orders' })
  list(@CurrentActor() actor: Actor, @Query() query: ListOrdersQueryParams): Promise<Page<OrderDto>> {
    // A customer lists their own orders: the filter must name them.
    if (actor.role !== 'admin') assertCanAccessCustomer(actor, query.customerId ?? '');
    return this.orders.list({ customerId: query.customerId, status: query.status }, query.toPageRequest());
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get an order' })
  @ApiOkResponse({ type: OrderResponse, description: 'The order' })
  @ApiProblems({ 404: [OrdersErrors.NOT_FOUND] })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<OrderDto> {
    const order = await this.orders.get(id);
    assertCanAccessCustomer(actor, order.customerId);
    return order;
  }

  @Get(':id/saga')
  @ApiOperation({
    summary: "Follow an order's saga",
    description: 'Its state, steps, payment deadline and compensation: the orchestrator\'s record for an order placed with SAGA=orchestration, what the order itself shows for one placed with choreography.',
  })
  @ApiOkResponse({ type: OrderSagaResponse, description: "The order's saga" })
  @ApiProblems({ 404: [OrdersErrors.NOT_FOUND] })
  async getSaga(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<OrderSagaDto> {
    const saga = await this.orders.getSaga(id);
    assertCanAccessCustomer(actor, saga.customerId);
    return saga;
  }

  @Get(':id/summary')
  @ApiOperation({
    summary: "Summarize an order with its payment",
    description:
      "The order joined with payments' answers about it (payment state, amounts captured and refunded) and its timeline: a read model projected from orders' and payments' events, so it lags them by a moment. 404 until the order's placement is projected.",
  })
  @ApiOkResponse({ type: OrderSummaryResponse, description: "The order's summary" })
  @ApiProblems({ 404: [OrdersErrors.NOT_FOUND] })
  async getSummary(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<OrderSummaryDto> {
    const summary = await this.orders.getSummary(id);
    assertCanAccessCustomer(actor, summary.customerId);
    return summary;
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel an order', description: 'A CONFIRMED order is refunded.' })
  @ApiOkResponse({ type: OrderResponse, description: 'The order, CANCELLED' })
  @ApiProblems({ 404: [OrdersErrors.NOT_FOUND], 409: [OrdersErrors.ALREADY_CANCELLED] })
  async cancel(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<OrderDto> {
    if (actor.role !== 'admin') assertCanAccessCustomer(actor, (await this.orders.get(id)).customerId);
    return this.orders.cancel(id);
  }
}
