import { Forwarded } from '../../../module-kit/forwarded';
import { Page, PageRequest } from '../../../module-kit/pagination/page';
import { OrderSagaDto } from './order-saga.dto';
import { OrderSummaryDto } from './order-summary.dto';
import { OrderDto, OrderListFilter, PlaceOrderInput } from './order.dto';

export interface PlaceOrderOptions {
  /** A retry with the same key and request returns the first answer and places no second order. */
  idempotencyKey?: string;
}

/**
 * What other modules and the HTTP API may ask of the orders module, wherever it runs. Failures are
 * DomainErrors with a code from OrdersErrors.
 * Its `Forwarded` decorator marks each method `read` (a remote proxy may retry it) or `write` (sent once).
 */
@Forwarded({
  place: 'write',
  get: 'read',
  list: 'read',
  cancel: 'write',
  getSaga: 'read',
  getSummary: 'read',
})
export abstract class OrdersPort {
  /** Accepts an order as PENDING and starts its payment; CUSTOMER_UNKNOWN for an unknown or deleted customer. */
  abstract place(input: PlaceOrderInput, options?: PlaceOrderOptions): Promise<OrderDto>;
  abstract get(orderId: string): Promise<OrderDto>;
  /** Newest first, from the read model: an order placed a moment ago may take a moment to appear. */
  abstract list(filter: OrderListFilter, page: PageRequest): Promise<Page<OrderDto>>;
  /** Cancels a PENDING or CONFIRMED order (refunding what was captured); ALREADY_CANCELLED otherwise. */
  abstract cancel(orderId: string): Promise<OrderDto>;
  /** Where the order's saga stands, in the style it runs in; NOT_FOUND for an unknown order. */
  abstract getSaga(orderId: string): Promise<OrderSagaDto>;
  /** The order with its payment state and timeline, from the read model (a moment behind); NOT_FOUND until it is projected. */
  abstract getSummary(orderId: string): Promise<OrderSummaryDto>;
}
