import { IEvent } from '@nestjs/cqrs';
import { IntegrationMessage } from '../../../module-kit/messaging/integration-message';
import { RequestPayment, RequestRefund } from '../../payments/contracts';
import { OrderCancelled, OrderConfirmed, OrderPlaced } from '../contracts/orders.events';
import { OrderCancelledEvent, OrderConfirmedEvent, OrderPlacedEvent, PaymentRequestedEvent, RefundRequestedEvent } from '../domain/order-events';

/**
 * What the orders' domain events become on the wire: the order's own events (which the order list projects,
 * and any other module may hear), and the requests to payments, in payments' contract.
 */
export function ordersIntegrationEvents(event: IEvent): IntegrationMessage[] {
  if (event instanceof OrderPlacedEvent) {
    const { orderId, customerId, items, totalCents, placedAt } = event;
    return [new OrderPlaced({ orderId, customerId, items, totalCents, placedAt: placedAt.toISOString() })];
  }
  if (event instanceof PaymentRequestedEvent) return [new RequestPayment({ orderId: event.orderId, customerId: event.customerId, amountCents: event.amountCents })];
  if (event instanceof OrderConfirmedEvent) return [new OrderConfirmed({ orderId: event.orderId, confirmedAt: event.confirmedAt.toISOString() })];
  if (event instanceof OrderCancelledEvent) {
    const { orderId, reason, declineReason, cancelledAt } = event;
    return [new OrderCancelled({ orderId, reason, ...(declineReason ? { declineReason } : {}), cancelledAt: cancelledAt.toISOString() })];
  }
  if (event instanceof RefundRequestedEvent) return [new RequestRefund({ orderId: event.orderId })];
  return [];
}
