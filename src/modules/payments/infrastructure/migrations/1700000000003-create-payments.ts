import { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '../../../../module-kit/messaging/messaging-tables';

export class CreatePayments1700000000003 implements MigrationInterface {
  name = 'CreatePayments1700000000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE payments.account_holders (
        customer_id uuid PRIMARY KEY,
        closed_at   timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE payments.account_events (
        customer_id  uuid        NOT NULL,
        version      integer     NOT NULL CHECK (version > 0),
        type         text        NOT NULL CHECK (type IN ('AccountOpened', 'FundsDeposited', 'PaymentCaptured', 'PaymentRefunded')),
        amount_cents bigint      NOT NULL CHECK (amount_cents >= 0),
        order_id     uuid,
        occurred_at  timestamptz NOT NULL,
        PRIMARY KEY (customer_id, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE payments.payments (
        id           uuid        PRIMARY KEY,
        order_id     uuid        NOT NULL UNIQUE,
        customer_id  uuid        NOT NULL,
        amount_cents bigint      NOT NULL CHECK (amount_cents >= 0),
        status       text        NOT NULL CHECK (status IN ('CAPTURED', 'DECLINED', 'REFUNDED')),
        reason       text,
        created_at   timestamptz NOT NULL
      )`);
    await createMessagingTables(queryRunner, 'payments');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropMessagingTables(queryRunner, 'payments');
    for (const table of ['payments', 'account_events', 'account_holders']) await queryRunner.query(`DROP TABLE payments.${table}`);
  }
}
