import { OrderSaga } from '../domain/order-saga';

/** Where the orchestrator keeps its sagas. An order has one only if it is orchestrated. */
export abstract class OrderSagaRepository {
  abstract find(orderId: string): Promise<OrderSaga | null>;

  /** Loads a saga to move it on; no other change of it interleaves until the unit of work ends. */
  abstract findForUpdate(orderId: string): Promise<OrderSaga | null>;

  /** Stores a saga just started. */
  abstract add(saga: OrderSaga): Promise<void>;

  /** Stores where a saga moved on to. */
  abstract save(saga: OrderSaga): Promise<void>;
}
