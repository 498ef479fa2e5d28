import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each account's balance as of a version of its stream, written in the same transaction as the events it
 * folds. The events stay the source of truth: a missing row means "replay from the start", and
 * `npm run accounts:rebuild` recomputes every row from the events. Left empty here on purpose: accounts
 * written before it get their row at their next change.
 */
export class AccountBalances1764500000004 implements MigrationInterface {
  name = 'AccountBalances1764500000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE payments.account_balances (
        customer_id   uuid        PRIMARY KEY,
        version       integer     NOT NULL CHECK (version >= 0),
        balance_cents bigint      NOT NULL CHECK (balance_cents >= 0),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE payments.account_balances`);
  }
}
