import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why payments declined an order's payment, in the write model and the order list. Nullable, and left empty
 * for older orders: an orders process of the release before writes its rows without it, and reads past it.
 */
export class OrdersDeclineReasons1765000000002 implements MigrationInterface {
  name = 'OrdersDeclineReasons1765000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['orders', 'order_list']) await queryRunner.query(`ALTER TABLE orders.${table} ADD COLUMN decline_reason text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['orders', 'order_list']) await queryRunner.query(`ALTER TABLE orders.${table} DROP COLUMN decline_reason`);
  }
}
