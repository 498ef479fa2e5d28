import { Injectable } from '@nestjs/common';
import { ModuleDatabase } from '../../../shared/database/module-database';
import { OrderSummaryDto } from '../contracts/order-summary.dto';
import { OrderSummaryFact } from '../application/projections/order-summary';

/**
 * The order summary projection's tables: the facts it consumed (its durable source) and the summaries
 * folded from them. Only the projection writes them.
 */
@Injectable()
export class OrderSummaryRepository {
  constructor(private readonly db: ModuleDatabase) {}

  /**
   * Serialises the projection of one order until the surrounding transaction ends: two of its facts handled
   * at once would otherwise each fold without the other's and the later write would lose one.
   */
  async lockOrder(orderId: string): Promise<void> {
    await this.db.manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`orders.order_summary.${orderId}`]);
  }

  /** False when the message's fact is already recorded. */
  async recordFact(messageId: string, orderId: string, fact: OrderSummaryFact): Promise<boolean> {
    const inserted: unknown[] = await this.db.manager.query(
      `INSERT INTO orders.order_summary_facts (message_id, order_id, fact) VALUES ($1, $2, $3) ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
      [messageId, orderId, JSON.stringify(fact)],
    );
    return inserted.length > 0;
  }

  async factsOf(orderId: string): Promise<OrderSummaryFact[]> {
    const rows: Array<{ fact: OrderSummaryFact }> = await this.db.manager.query(`SELECT fact FROM orders.order_summary_facts WHERE order_id = $1`, [orderId]);
    return rows.map((row) => row.fact);
  }

  /** Every order that has facts, in a stable order. */
  async orderIds(): Promise<string[]> {
    const rows: Array<{ order_id: string }> = await this.db.manager.query(`SELECT DISTINCT order_id FROM orders.order_summary_facts ORDER BY order_id`);
    return rows.map((row) => row.order_id);
  }

  async find(orderId: string): Promise<OrderSummaryDto | undefined> {
    const rows: Array<{ summary: OrderSummaryDto }> = await this.db.manager.query(`SELECT summary FROM orders.order_summaries WHERE order_id = $1`, [orderId]);
    return rows[0]?.summary;
  }

  async save(summary: OrderSummaryDto): Promise<void> {
    await this.db.manager.query(
      `INSERT INTO orders.order_summaries (order_id, customer_id, status, payment_state, summary) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (order_id) DO UPDATE SET customer_id = EXCLUDED.customer_id, status = EXCLUDED.status, payment_state = EXCLUDED.payment_state, summary = EXCLUDED.summary`,
      [summary.orderId, summary.customerId, summary.status, summary.paymentState, JSON.stringify(summary)],
    );
  }

  async delete(orderId: string): Promise<void> {
    await this.db.manager.query(`DELETE FROM orders.order_summaries WHERE order_id = $1`, [orderId]);
  }
}
