import { Page, PageRequest } from '../../../module-kit/pagination/page';
import { OrderDto, OrderListFilter } from '../contracts/order.dto';
import { OrderCancelled, OrderPlacedPayload } from '../contracts/orders.events';

/** The read model behind the order lists. Only the projection writes it, and only from events. */
export abstract class OrderList {
  abstract insertPlaced(placed: OrderPlacedPayload): Promise<void>;
  abstract confirm(orderId: string, at: string): Promise<void>;
  abstract cancel(cancelled: OrderCancelled['payload']): Promise<void>;
  abstract list(filter: OrderListFilter, page: PageRequest): Promise<Page<OrderDto>>;
}
