import { Injectable } from '@nestjs/common';
import { ModuleDatabase } from '../../../module-kit/database/module-database';
import { OrderSummaryDto } from '../contracts/order-summary.dto';
import { OrderSummaries } from '../application/order-summaries';
import { OrderSummaryFact } from '../application/projections/order-summary';
import { OrderSummaryFactRecord, OrderSummaryRecord } from './order-summary.record';

/** OrderSummaries in the module's database: a table of facts, one row per message, and one of summaries. */
@Injectable()
export class OrderSummaryRepository extends OrderSummaries {
  constructor(private readonly db: ModuleDatabase) {
    super();
  }

  private get facts() {
    return this.db.manager.getRepository(OrderSummaryFactRecord);
  }

  private get summaries() {
    return this.db.manager.getRepository(OrderSummaryRecord);
  }

  // Two facts of one order handled at once would otherwise each fold without the other's, and the later write
  // would lose one.
  async lockOrder(orderId: string): Promise<void> {
    await this.db.manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`orders.order_summary.${orderId}`]);
  }

  async recordFact(messageId: string, orderId: string, fact: OrderSummaryFact): Promise<boolean> {
    const result = await this.facts.createQueryBuilder().insert().values({ messageId, orderId, fact }).orIgnore().returning('message_id').execute();
    return result.raw.length > 0;
  }

  async factsOf(orderId: string): Promise<OrderSummaryFact[]> {
    return (await this.facts.find({ where: { orderId }, select: { fact: true } })).map((record) => record.fact);
  }

  async orderIds(): Promise<string[]> {
    const rows: Array<{ order_id: string }> = await this.facts.createQueryBuilder('f').select('f.order_id', 'order_id').distinct(true).orderBy('f.order_id').getRawMany();
    return rows.map((row) => row.order_id);
  }

  async find(orderId: string): Promise<OrderSummaryDto | undefined> {
    return (await this.summaries.findOneBy({ orderId }))?.summary;
  }

  async save(summary: OrderSummaryDto): Promise<void> {
    const { orderId, customerId, status, paymentState } = summary;
    await this.summaries.upsert({ orderId, customerId, status, paymentState, summary }, ['orderId']);
  }

  async delete(orderId: string): Promise<void> {
    await this.summaries.delete({ orderId });
  }
}
