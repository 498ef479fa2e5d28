import { Injectable } from '@nestjs/common';
import { ModuleDatabase } from '../../../module-kit/database/module-database';
import { OverduePayments } from '../application/overdue-payments';

/**
 * The overdue orders in PostgreSQL: a choreographed order keeps its
 * deadline on its own row, an orchestrated one on its saga's. Each half reads a partial index of only the rows
 * still waiting (migration 1764600000002), so a sweep costs two short index scans however many orders there are.
 */
@Injectable()
export class PostgresOverduePayments extends OverduePayments {
  constructor(private readonly db: ModuleDatabase) {
    super();
  }

  async orderIds(now: Date, limit: number): Promise<string[]> {
    const rows: Array<{ order_id: string }> = await this.db.manager.query(
      `(SELECT id AS order_id, payment_deadline FROM orders.orders
         WHERE status = 'PENDING' AND payment_deadline <= $1 ORDER BY payment_deadline LIMIT $2)
       UNION ALL
       (SELECT order_id, payment_deadline FROM orders.order_sagas
         WHERE state = 'AWAITING_PAYMENT' AND payment_deadline <= $1 ORDER BY payment_deadline LIMIT $2)
       ORDER BY payment_deadline LIMIT $2`,
      [now, limit],
    );
    return rows.map((row) => row.order_id);
  }
}
