import { IntegrationMessage } from '../../../module-kit/messaging/integration-message';
import { DeclineReason } from '../../payments/contracts/payments.errors';
import { CancellationReason, OrderItemDto } from './order.dto';

export interface OrderPlacedPayload {
  orderId: string;
  customerId: string;
  items: OrderItemDto[];
  totalCents: number;
  placedAt: string;
}

export class OrderPlaced extends IntegrationMessage<OrderPlacedPayload> {
  static readonly messageName = 'orders.OrderPlaced';
  static readonly version = 1;

  get orderingKey(): string {
    return this.payload.orderId;
  }
}

export class OrderConfirmed extends IntegrationMessage<{ orderId: string; confirmedAt: string }> {
  static readonly messageName = 'orders.OrderConfirmed';
  static readonly version = 1;

  get orderingKey(): string {
    return this.payload.orderId;
  }
}

export class OrderCancelled extends IntegrationMessage<{ orderId: string; reason: CancellationReason; declineReason?: DeclineReason; cancelledAt: string }> {
  static readonly messageName = 'orders.OrderCancelled';
  static readonly version = 1;

  get orderingKey(): string {
    return this.payload.orderId;
  }
}
