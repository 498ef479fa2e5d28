import { Injectable } from '@nestjs/common';
import { ModuleDatabase } from '../../../module-kit/database/module-database';
import { UnitOfWork } from '../../../module-kit/unit-of-work';
import { OrdersRepository } from '../application/orders.repository';
import { Order } from '../domain/order';
import { OrderRecord } from './order.record';

/** Orders in orders.orders (the write model), inside the unit of work's transaction when there is one. */
@Injectable()
export class PostgresOrdersRepository extends OrdersRepository {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly unitOfWork: UnitOfWork,
  ) {
    super();
  }

  private get records() {
    return this.db.manager.getRepository(OrderRecord);
  }

  async find(orderId: string): Promise<Order | null> {
    const record = await this.records.findOneBy({ id: orderId });
    return record ? toOrder(record) : null;
  }

  /** The row stays locked until the transaction ends, so changes never interleave. */
  async findForUpdate(orderId: string): Promise<Order | null> {
    const record = await this.records.createQueryBuilder('o').setLock('pessimistic_write').where('o.id = :orderId', { orderId }).getOne();
    return record ? toOrder(record) : null;
  }

  async save(order: Order): Promise<void> {
    await this.records.save(toRecord(order));
    this.unitOfWork.track(order);
  }
}

function toOrder(r: OrderRecord): Order {
  return new Order(r.id, r.customerId, r.items, r.totalCents, r.status, r.cancellationReason, r.declineReason, r.createdAt, r.updatedAt, r.paymentDeadline);
}

function toRecord(order: Order): OrderRecord {
  const { id, customerId, items, totalCents, status, cancellationReason, declineReason, createdAt, updatedAt, paymentDeadline } = order;
  return Object.assign(new OrderRecord(), { id, customerId, items, totalCents, status, cancellationReason, declineReason, createdAt, updatedAt, paymentDeadline });
}
