import { Injectable } from '@nestjs/common';
import { ModuleDatabase } from '../../../shared/database/module-database';
import { OrderDto } from '../contracts/order.dto';
import { Order } from '../domain/order';
import { OrderListRecord, OrderRecord } from './order.record';

/** The write model: orders.orders, inside the caller's transaction when there is one. */
@Injectable()
export class OrdersRepository {
  constructor(private readonly db: ModuleDatabase) {}

  private get records() {
    return this.db.manager.getRepository(OrderRecord);
  }

  async find(orderId: string): Promise<Order | null> {
    const record = await this.records.findOneBy({ id: orderId });
    return record ? toOrder(record) : null;
  }

  /** Loads an order to change it; the row stays locked until the transaction ends, so changes never interleave. */
  async findForUpdate(orderId: string): Promise<Order | null> {
    const record = await this.records.createQueryBuilder('o').setLock('pessimistic_write').where('o.id = :orderId', { orderId }).getOne();
    return record ? toOrder(record) : null;
  }

  async save(order: Order): Promise<void> {
    await this.records.save(Object.assign(new OrderRecord(), order));
  }
}

function toOrder(r: OrderRecord): Order {
  return new Order(r.id, r.customerId, r.items, r.totalCents, r.status, r.cancellationReason, r.declineReason, r.createdAt, r.updatedAt, r.paymentDeadline);
}

export function toOrderDto(order: OrderListRecord | Order): OrderDto {
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
