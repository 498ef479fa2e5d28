import { QueryRunner } from 'typeorm';

/**
 * The outbox, inbox and idempotency tables, created in each module's own schema by that module's first
 * migration: a module taken out of the monolith takes its delivery state with it.
 */
export async function createMessagingTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE "${schema}".outbox (
      seq             bigserial PRIMARY KEY,
      message_id      uuid        NOT NULL,
      destination     text        NOT NULL,
      name            text        NOT NULL,
      version         integer     NOT NULL,
      payload         jsonb       NOT NULL,
      headers         jsonb       NOT NULL DEFAULT '{}',
      occurred_at     timestamptz NOT NULL DEFAULT now(),
      delivered_at    timestamptz,
      attempts        integer     NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_error      text,
      UNIQUE (message_id, destination)
    )`);
  await queryRunner.query(`CREATE INDEX outbox_pending ON "${schema}".outbox (seq) WHERE delivered_at IS NULL`);
  await queryRunner.query(`
    CREATE TABLE "${schema}".inbox (
      message_id uuid        PRIMARY KEY,
      name       text        NOT NULL,
      source     text        NOT NULL,
      handled_at timestamptz NOT NULL DEFAULT now()
    )`);
  await queryRunner.query(`
    CREATE TABLE "${schema}".idempotency_keys (
      scope        text        NOT NULL,
      key          text        NOT NULL,
      request_hash text        NOT NULL,
      response     jsonb       NOT NULL,
      created_at   timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (scope, key)
    )`);
}

export async function dropMessagingTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  for (const table of ['idempotency_keys', 'inbox', 'outbox']) await queryRunner.query(`DROP TABLE "${schema}".${table}`);
}
