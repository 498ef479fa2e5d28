import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The order summary projection: the facts it is projected from, kept by message id (the outbox deletes its
 * rows after RETENTION_HOURS, so these are what `npm run projections:rebuild` replays), and the summaries.
 * The summary is json, not jsonb, so that it is answered with its fields in the order the API documents.
 * New tables only: an orders process of the release before neither reads nor writes them.
 */
export class OrderSummaries1765100000002 implements MigrationInterface {
  name = 'OrderSummaries1765100000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE orders.order_summary_facts (
        message_id text PRIMARY KEY,
        order_id uuid NOT NULL,
        fact jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX order_summary_facts_by_order ON orders.order_summary_facts (order_id)`);
    await queryRunner.query(`
      CREATE TABLE orders.order_summaries (
        order_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        status text NOT NULL,
        payment_state text NOT NULL,
        summary json NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX order_summaries_by_customer ON orders.order_summaries (customer_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE orders.order_summaries`);
    await queryRunner.query(`DROP TABLE orders.order_summary_facts`);
  }
}
