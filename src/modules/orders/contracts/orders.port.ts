import { Page, PageRequest } from '../../../shared/pagination/page';
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
 */
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

/** The port's methods, for the transport: a remote proxy forwards exactly these. */
export const ordersPortMethods = ['place', 'get', 'list', 'cancel', 'getSaga', 'getSummary'] as const satisfies ReadonlyArray<keyof OrdersPort>;

/** The methods that only read: a remote proxy may repeat these after a failure; the others are sent once. */
export const ordersPortReads = ['get', 'list', 'getSaga', 'getSummary'] as const satisfies ReadonlyArray<(typeof ordersPortMethods)[number]>;
