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

/**
 * Delivery per ordering key, and dead letters. Each outbox row carries the key its order is kept by (all
 * messages about one order, say): the relay delivers a key's rows one after the other and different keys side
 * by side. A row whose handler keeps failing moves to `dead_letters` (same columns, plus when and why), so it
 * holds back nothing; replaying one moves it back into the outbox.
 */
export async function addOrderingKeysAndDeadLetters(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`ALTER TABLE "${schema}".outbox ADD COLUMN ordering_key text`);
  // Rows written before keys existed are ordered by themselves alone: they were sent in seq order already.
  await queryRunner.query(`UPDATE "${schema}".outbox SET ordering_key = message_id::text`);
  await queryRunner.query(`ALTER TABLE "${schema}".outbox ALTER COLUMN ordering_key SET NOT NULL`);
  await queryRunner.query(
    `CREATE INDEX outbox_pending_by_key ON "${schema}".outbox (destination, ordering_key, seq) WHERE delivered_at IS NULL`,
  );
  await queryRunner.query(`
    CREATE TABLE "${schema}".dead_letters (
      id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
      message_id       uuid        NOT NULL,
      destination      text        NOT NULL,
      name             text        NOT NULL,
      version          integer     NOT NULL,
      ordering_key     text        NOT NULL,
      payload          jsonb       NOT NULL,
      headers          jsonb       NOT NULL DEFAULT '{}',
      occurred_at      timestamptz NOT NULL,
      attempts         integer     NOT NULL,
      last_error       text        NOT NULL,
      dead_lettered_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (message_id, destination)
    )`);
  await queryRunner.query(`CREATE INDEX dead_letters_newest_first ON "${schema}".dead_letters (dead_lettered_at DESC, id DESC)`);
}

export async function dropOrderingKeysAndDeadLetters(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE "${schema}".dead_letters`);
  await queryRunner.query(`DROP INDEX "${schema}".outbox_pending_by_key`);
  await queryRunner.query(`ALTER TABLE "${schema}".outbox DROP COLUMN ordering_key`);
}
