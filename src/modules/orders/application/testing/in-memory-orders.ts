import { typeOf } from '../../../../module-kit/messaging/integration-message';
import { Order } from '../../domain/order';
import { OrderSaga } from '../../domain/order-saga';
import { OrderSagaRepository } from '../order-saga.repository';
import { OrdersRepository } from '../orders.repository';
import { ordersIntegrationEvents } from '../orders.integration-events';

/** The orders kept in a map, for specs of the use cases without a database. */
export class InMemoryOrdersRepository extends OrdersRepository {
  readonly orders = new Map<string, Order>();

  async find(orderId: string): Promise<Order | null> {
    return this.orders.get(orderId) ?? null;
  }

  async findForUpdate(orderId: string): Promise<Order | null> {
    return this.find(orderId);
  }

  async save(order: Order): Promise<void> {
    this.orders.set(order.id, order);
  }

  /** The messages the events of the saved orders map to, as the unit of work would write them; taken once. */
  sent(): Array<{ name: string; payload: object }> {
    return [...this.orders.values()].flatMap((order) => {
      const events = [...order.getUncommittedEvents()];
      order.uncommit();
      return events.flatMap(ordersIntegrationEvents).map((message) => ({ name: typeOf(message).messageName, payload: message.payload }));
    });
  }
}

/** The sagas kept in a map. */
export class InMemoryOrderSagaRepository extends OrderSagaRepository {
  readonly sagas = new Map<string, OrderSaga>();

  async find(orderId: string): Promise<OrderSaga | null> {
    return this.sagas.get(orderId) ?? null;
  }

  async findForUpdate(orderId: string): Promise<OrderSaga | null> {
    return this.find(orderId);
  }

  async add(saga: OrderSaga): Promise<void> {
    this.sagas.set(saga.orderId, saga);
  }

  async save(saga: OrderSaga): Promise<void> {
    this.sagas.set(saga.orderId, saga);
  }
}
