import { DeclineReason } from '../../payments/contracts/payments.errors';

export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'CANCELLED';
/** PAYMENT_TIMEOUT: payments did not answer within PAYMENT_TIMEOUT_MS; a capture that comes later is refunded. */
export type CancellationReason = 'PAYMENT_DECLINED' | 'PAYMENT_TIMEOUT' | 'CANCELLED_BY_CUSTOMER';

export interface OrderItemDto {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

export interface OrderDto {
  id: string;
  customerId: string;
  items: OrderItemDto[];
  totalCents: number;
  status: OrderStatus;
  cancellationReason?: CancellationReason;
  /** Why payments declined the payment, when it did (an order cancelled with PAYMENT_DECLINED). */
  declineReason?: DeclineReason;
  createdAt: string;
  updatedAt: string;
}

export interface PlaceOrderInput {
  customerId: string;
  items: OrderItemDto[];
}

export interface OrderListFilter {
  customerId?: string;
  status?: OrderStatus;
}
