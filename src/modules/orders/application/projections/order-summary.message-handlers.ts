import { Injectable } from '@nestjs/common';
import { MessageEnvelope } from '../../../../module-kit/messaging/integration-message';
import { PaymentCaptured, PaymentDeclined, PaymentDeclinedV2, PaymentRefunded } from '../../../payments/contracts';
import { OrderCancelled, OrderConfirmed, OrderPlaced } from '../../contracts/orders.events';
import { knownDeclineReason } from '../messages/known-decline-reason';
import { OrderSummaryProjection } from './order-summary.projection';

/**
 * Turns each consumed message into the fact the order summary needs. Payments' answers carry no instant of
 * their own, so they are dated by the envelope (when payments recorded them); orders' events by their payload.
 */
@Injectable()
export class OrderSummaryMessageHandlers {
  constructor(private readonly projection: OrderSummaryProjection) {}

  onPlaced({ payload }: OrderPlaced, envelope: MessageEnvelope): Promise<void> {
    const itemCount = payload.items.reduce((count, item) => count + item.quantity, 0);
    return this.projection.project(envelope, payload.orderId, { event: 'PLACED', at: payload.placedAt, customerId: payload.customerId, totalCents: payload.totalCents, itemCount });
  }

  onConfirmed({ payload }: OrderConfirmed, envelope: MessageEnvelope): Promise<void> {
    return this.projection.project(envelope, payload.orderId, { event: 'CONFIRMED', at: payload.confirmedAt });
  }

  onCancelled({ payload }: OrderCancelled, envelope: MessageEnvelope): Promise<void> {
    const declineReason = payload.declineReason && { declineReason: payload.declineReason };
    return this.projection.project(envelope, payload.orderId, { event: 'CANCELLED', at: payload.cancelledAt, reason: payload.reason, ...declineReason });
  }

  onCaptured({ payload }: PaymentCaptured, envelope: MessageEnvelope): Promise<void> {
    return this.projection.project(envelope, payload.orderId, { event: 'PAYMENT_CAPTURED', at: envelope.occurredAt, amountCents: payload.amountCents });
  }

  onDeclined({ payload }: PaymentDeclined | PaymentDeclinedV2, envelope: MessageEnvelope): Promise<void> {
    const reason = knownDeclineReason(payload.reason);
    return this.projection.project(envelope, payload.orderId, { event: 'PAYMENT_DECLINED', at: envelope.occurredAt, amountCents: payload.amountCents, ...(reason && { reason }) });
  }

  onRefunded({ payload }: PaymentRefunded, envelope: MessageEnvelope): Promise<void> {
    return this.projection.project(envelope, payload.orderId, { event: 'PAYMENT_REFUNDED', at: envelope.occurredAt, amountCents: payload.amountCents });
  }
}
