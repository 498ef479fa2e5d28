import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The payment deadline of a choreographed order, on its own row, and the process manager's table for
 * orchestrated orders (SAGA=orchestration), with its deadline. Each deadline has a partial index of only the
 * rows still waiting for payments: the sweep that cancels overdue orders reads nothing else. Orders placed
 * before this migration keep no deadline.
 */
export class PaymentDeadlinesAndOrderSagas1764600000002 implements MigrationInterface {
  name = 'PaymentDeadlinesAndOrderSagas1764600000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE orders.orders ADD COLUMN payment_deadline timestamptz`);
    await queryRunner.query(`CREATE INDEX orders_pending_by_payment_deadline ON orders.orders (payment_deadline) WHERE status = 'PENDING'`);
    await queryRunner.query(`
      CREATE TABLE orders.order_sagas (
        order_id         uuid        PRIMARY KEY,
        state            text        NOT NULL CHECK (state IN ('AWAITING_PAYMENT', 'CONFIRMED', 'CANCELLED', 'CANCELLED_AWAITING_PAYMENT', 'REFUNDING', 'REFUNDED')),
        payment_deadline timestamptz NOT NULL,
        steps            jsonb       NOT NULL,
        updated_at       timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX order_sagas_awaiting_payment_by_deadline ON orders.order_sagas (payment_deadline) WHERE state = 'AWAITING_PAYMENT'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE orders.order_sagas`);
    await queryRunner.query(`DROP INDEX orders.orders_pending_by_payment_deadline`);
    await queryRunner.query(`ALTER TABLE orders.orders DROP COLUMN payment_deadline`);
  }
}
