import { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '../../../../module-kit/messaging/messaging-tables';

export class CreateOrders1700000000002 implements MigrationInterface {
  name = 'CreateOrders1700000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['orders', 'order_list']) {
      await queryRunner.query(`
        CREATE TABLE orders.${table} (
          id                  uuid        PRIMARY KEY,
          customer_id         uuid        NOT NULL,
          items               jsonb       NOT NULL,
          total_cents         bigint      NOT NULL CHECK (total_cents >= 0),
          status              text        NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'CANCELLED')),
          cancellation_reason text,
          created_at          timestamptz NOT NULL,
          updated_at          timestamptz NOT NULL
        )`);
    }
    // The lists filter by customer and status and page newest first.
    await queryRunner.query(`CREATE INDEX order_list_by_customer ON orders.order_list (customer_id, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX order_list_by_status ON orders.order_list (status, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX order_list_newest_first ON orders.order_list (created_at DESC, id DESC)`);
    await createMessagingTables(queryRunner, 'orders');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropMessagingTables(queryRunner, 'orders');
    await queryRunner.query(`DROP TABLE orders.order_list`);
    await queryRunner.query(`DROP TABLE orders.orders`);
  }
}
