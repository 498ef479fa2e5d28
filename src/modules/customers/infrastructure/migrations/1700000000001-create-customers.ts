import { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '../../../../module-kit/messaging/messaging-tables';

export class CreateCustomers1700000000001 implements MigrationInterface {
  name = 'CreateCustomers1700000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE customers.customers (
        id         uuid        PRIMARY KEY,
        name       text        NOT NULL,
        email      text        NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);
    // An email is unique among the customers who are still here, whatever its case.
    await queryRunner.query(`CREATE UNIQUE INDEX customers_email_unique ON customers.customers (lower(email)) WHERE deleted_at IS NULL`);
    await queryRunner.query(`CREATE INDEX customers_newest_first ON customers.customers (created_at DESC, id DESC) WHERE deleted_at IS NULL`);
    await createMessagingTables(queryRunner, 'customers');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropMessagingTables(queryRunner, 'customers');
    await queryRunner.query(`DROP TABLE customers.customers`);
  }
}
