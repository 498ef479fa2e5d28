import { Order } from '../domain/order';

/** Where the use cases keep orders (orders.orders, the write model). */
export abstract class OrdersRepository {
  abstract find(orderId: string): Promise<Order | null>;

  /** Loads an order to change it; no other change of it interleaves until the unit of work ends. */
  abstract findForUpdate(orderId: string): Promise<Order | null>;

  /** Stores a new or changed order; the events it recorded go out with the unit of work. */
  abstract save(order: Order): Promise<void>;
}
