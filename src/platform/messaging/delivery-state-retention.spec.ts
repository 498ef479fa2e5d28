import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { ModuleDatabase } from '../../module-kit/database/module-database';
import { openModuleDatabase } from '../database/open-module-database';
import { DeliveryStateRetention } from './delivery-state-retention';
import { createMessagingTables, dropMessagingTables } from '../../module-kit/messaging/messaging-tables';

class CreateMessagingTables1700000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await createMessagingTables(queryRunner, 'orders');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await dropMessagingTables(queryRunner, 'orders');
  }
}

// On a real (embedded) PostgreSQL: which rows a prune deletes and which it must keep.
describe('DeliveryStateRetention', () => {
  let dataDir: string;
  let db: ModuleDatabase;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'shop-retention-'));
    db = await openModuleDatabase({ module: 'orders', url: undefined, dataDir, entities: [], migrations: [CreateMessagingTables1700000000000] });
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** An outbox row written `ageHours` ago, delivered then or never. */
  async function outboxRow(ageHours: number, delivered: boolean): Promise<string> {
    const id = randomUUID();
    await db.dataSource.query(
      `INSERT INTO orders.outbox (message_id, destination, name, version, payload, occurred_at, delivered_at)
       VALUES ($1, 'payments', 'OrderPlaced', 1, '{}', now() - make_interval(hours => $2), CASE WHEN $3 THEN now() - make_interval(hours => $2) END)`,
      [id, ageHours, delivered],
    );
    return id;
  }

  async function inboxRecord(ageHours: number): Promise<string> {
    const id = randomUUID();
    await db.dataSource.query(`INSERT INTO orders.inbox (message_id, name, source, handled_at) VALUES ($1, 'PaymentCaptured', 'payments', now() - make_interval(hours => $2))`, [id, ageHours]);
    return id;
  }

  async function idempotencyKey(ageHours: number): Promise<string> {
    const key = randomUUID();
    await db.dataSource.query(`INSERT INTO orders.idempotency_keys (scope, key, request_hash, response, created_at) VALUES ('place', $1, 'h', 'null', now() - make_interval(hours => $2))`, [key, ageHours]);
    return key;
  }

  const ids = async (sql: string) => ((await db.dataSource.query(sql)) as Array<{ id: string }>).map((row) => row.id).sort();

  it('deletes delivered messages, inbox records and keys past the retention, and never an undelivered message', async () => {
    await outboxRow(30, true); // delivered a day and more ago
    const recentDelivered = await outboxRow(2, true);
    const oldUndelivered = await outboxRow(500, false);
    await inboxRecord(25);
    const recentInbox = await inboxRecord(1);
    await idempotencyKey(48);
    const recentKey = await idempotencyKey(23);

    const pruned = await new DeliveryStateRetention(db, 24).prune();

    expect(pruned).toEqual({ outbox: 1, inbox: 1, idempotencyKeys: 1 });
    expect(await ids('SELECT message_id AS id FROM orders.outbox')).toEqual([recentDelivered, oldUndelivered].sort());
    expect(await ids('SELECT message_id AS id FROM orders.inbox')).toEqual([recentInbox]);
    expect(await ids('SELECT key AS id FROM orders.idempotency_keys')).toEqual([recentKey]);
  });

  it('deletes in batches until nothing past the retention is left', async () => {
    await db.dataSource.query(
      `INSERT INTO orders.inbox (message_id, name, source, handled_at)
       SELECT gen_random_uuid(), 'PaymentCaptured', 'payments', now() - interval '3 days' FROM generate_series(1, 2500)`,
    );

    expect((await new DeliveryStateRetention(db, 24).prune()).inbox).toBe(2500);
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM orders.inbox WHERE handled_at < now() - interval '1 day'`)).toEqual([{ n: 0 }]);
  });

  it('prunes nothing with a retention of 0 (keep for ever)', async () => {
    const oldInbox = await inboxRecord(10_000);
    const retention = new DeliveryStateRetention(db, 0, 10);
    retention.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await retention.stop();

    expect(await ids(`SELECT message_id AS id FROM orders.inbox WHERE message_id = '${oldInbox}'`)).toEqual([oldInbox]);
  });
});
