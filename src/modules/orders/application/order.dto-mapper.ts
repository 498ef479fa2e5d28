import { DeclineReason } from '../../payments/contracts';
import { CancellationReason, OrderDto, OrderItemDto, OrderStatus } from '../contracts/order.dto';

/** What an order shows, whether read from the aggregate or from a row of the read model. */
interface OrderFields {
  id: string;
  customerId: string;
  items: OrderItemDto[];
  totalCents: number;
  status: OrderStatus;
  cancellationReason: CancellationReason | null;
  declineReason: DeclineReason | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toOrderDto(order: OrderFields): OrderDto {
  return {
    id: order.id,
    customerId: order.customerId,
    items: order.items,
    totalCents: order.totalCents,
    status: order.status,
    ...(order.cancellationReason ? { cancellationReason: order.cancellationReason } : {}),
    ...(order.declineReason ? { declineReason: order.declineReason } : {}),
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}
