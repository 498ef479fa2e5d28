import { Injectable } from '@nestjs/common';
import { ModuleDatabase } from '../../../module-kit/database/module-database';
import { decodeCursor, Page, PageRequest, toPage } from '../../../module-kit/pagination/page';
import { OrderDto, OrderListFilter } from '../contracts/order.dto';
import { OrderCancelled, OrderPlacedPayload } from '../contracts/orders.events';
import { OrderList } from '../application/order-list';
import { toOrderDto } from '../application/order.dto-mapper';
import { OrderListRecord } from './order.record';

/** The order lists' read model in orders.order_list. */
@Injectable()
export class OrderListRepository extends OrderList {
  constructor(private readonly db: ModuleDatabase) {
    super();
  }

  private get records() {
    return this.db.manager.getRepository(OrderListRecord);
  }

  async insertPlaced(placed: OrderPlacedPayload): Promise<void> {
    const at = new Date(placed.placedAt);
    await this.records
      .createQueryBuilder()
      .insert()
      .values({ id: placed.orderId, customerId: placed.customerId, items: placed.items, totalCents: placed.totalCents, status: 'PENDING', cancellationReason: null, declineReason: null, createdAt: at, updatedAt: at })
      .orIgnore()
      .execute();
  }

  async confirm(orderId: string, at: string): Promise<void> {
    await this.records.update({ id: orderId }, { status: 'CONFIRMED', updatedAt: new Date(at) });
  }

  async cancel({ orderId, reason, declineReason, cancelledAt }: OrderCancelled['payload']): Promise<void> {
    await this.records.update({ id: orderId }, { status: 'CANCELLED', cancellationReason: reason, declineReason: declineReason ?? null, updatedAt: new Date(cancelledAt) });
  }

  async list(filter: OrderListFilter, page: PageRequest): Promise<Page<OrderDto>> {
    const after = decodeCursor(page.cursor);
    const query = this.records.createQueryBuilder('o').orderBy('o.created_at', 'DESC').addOrderBy('o.id', 'DESC').limit(page.limit + 1);
    if (filter.customerId) query.andWhere('o.customer_id = :customerId', { customerId: filter.customerId });
    if (filter.status) query.andWhere('o.status = :status', { status: filter.status });
    if (after) query.andWhere('(o.created_at, o.id) < (:createdAt, :id)', after);
    const rows = await query.getMany();
    return toPage(rows, page.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }), toOrderDto);
  }
}
