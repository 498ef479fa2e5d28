import { DeclineReason } from '../../payments/contracts/payments.errors';
import { CancellationReason, OrderStatus } from './order.dto';

/** Where the order's money stands, from payments' events: the last word wins (a refund after a capture). */
export type PaymentState = 'AWAITING' | 'CAPTURED' | 'DECLINED' | 'REFUNDED';

/** What happened to an order, from orders' own events and payments' answers. */
export type OrderTimelineEvent = 'PLACED' | 'PAYMENT_CAPTURED' | 'PAYMENT_DECLINED' | 'CONFIRMED' | 'CANCELLED' | 'PAYMENT_REFUNDED';

export interface OrderTimelineEntryDto {
  event: OrderTimelineEvent;
  at: string;
}

/**
 * An order joined with its payment and its history: a read model that neither the orders table nor
 * payments' holds alone. Projected from events, so it lags them by a moment.
 */
export interface OrderSummaryDto {
  orderId: string;
  customerId: string;
  status: OrderStatus;
  totalCents: number;
  itemCount: number;
  paymentState: PaymentState;
  capturedCents: number;
  refundedCents: number;
  cancellationReason?: CancellationReason;
  declineReason?: DeclineReason;
  placedAt: string;
  /** When the newest event of the timeline happened. */
  lastEventAt: string;
  /** Oldest first. */
  timeline: OrderTimelineEntryDto[];
}
