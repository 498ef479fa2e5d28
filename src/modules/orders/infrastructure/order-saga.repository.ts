import { Injectable } from '@nestjs/common';
import { ModuleDatabase } from '../../../module-kit/database/module-database';
import { OrderSagaRepository } from '../application/order-saga.repository';
import { OrderSaga } from '../domain/order-saga';
import { OrderSagaRecord, StoredSagaStep } from './order-saga.record';

/** Sagas in orders.order_sagas, inside the unit of work's transaction when there is one. */
@Injectable()
export class PostgresOrderSagaRepository extends OrderSagaRepository {
  constructor(private readonly db: ModuleDatabase) {
    super();
  }

  private get records() {
    return this.db.manager.getRepository(OrderSagaRecord);
  }

  async find(orderId: string): Promise<OrderSaga | null> {
    const record = await this.records.findOneBy({ orderId });
    return record ? toSaga(record) : null;
  }

  /** Its row stays locked until the transaction ends. */
  async findForUpdate(orderId: string): Promise<OrderSaga | null> {
    const record = await this.records.createQueryBuilder('s').setLock('pessimistic_write').where('s.order_id = :orderId', { orderId }).getOne();
    return record ? toSaga(record) : null;
  }

  async add(saga: OrderSaga): Promise<void> {
    await this.records.insert({ orderId: saga.orderId, state: saga.state, paymentDeadline: saga.paymentDeadline, steps: toStoredSteps(saga), updatedAt: saga.updatedAt });
  }

  /** Its state and timeline: its deadline never changes. */
  async save(saga: OrderSaga): Promise<void> {
    await this.records.update({ orderId: saga.orderId }, { state: saga.state, steps: toStoredSteps(saga), updatedAt: saga.updatedAt });
  }
}

function toStoredSteps(saga: OrderSaga): StoredSagaStep[] {
  return saga.steps.map(({ at, ...step }) => ({ ...step, at: at.toISOString() }));
}

function toSaga(r: OrderSagaRecord): OrderSaga {
  const steps = r.steps.map(({ at, ...step }) => ({ ...step, at: new Date(at) }));
  return new OrderSaga(r.orderId, r.state, r.paymentDeadline, steps, r.updatedAt);
}
