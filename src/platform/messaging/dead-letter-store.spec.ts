import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { ModuleDatabase } from '../../module-kit/database/module-database';
import { openModuleDatabase } from '../database/open-module-database';
import { encodeCursor } from '../../module-kit/pagination/page';
import { DeadLetter, positionOf } from './dead-letter';
import { DeadLetterStore } from './dead-letter-store';
import { addOrderingKeysAndDeadLetters, createMessagingTables } from '../../module-kit/messaging/messaging-tables';

class CreateMessagingTables1700000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await createMessagingTables(queryRunner, 'orders');
    await addOrderingKeysAndDeadLetters(queryRunner, 'orders');
  }
  async down(): Promise<void> {}
}

// On a real (embedded) PostgreSQL: what a module's dead letters look like, page by page, and where a replay puts one.
describe('DeadLetterStore', () => {
  let dataDir: string;
  let db: ModuleDatabase;
  let store: DeadLetterStore;
  let wakes = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'shop-dead-letters-'));
    db = await openModuleDatabase({ module: 'orders', url: undefined, dataDir, entities: [], migrations: [CreateMessagingTables1700000000000] });
    store = new DeadLetterStore(db, () => wakes++);
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await db.dataSource.query('DELETE FROM orders.dead_letters');
    await db.dataSource.query('DELETE FROM orders.outbox');
    wakes = 0;
  });

  /** A dead letter as the relay writes one; `at` is when it was dead-lettered (microseconds included). */
  async function deadLetter(at: string, fields: { id?: string; orderingKey?: string } = {}): Promise<string> {
    const id = fields.id ?? randomUUID();
    await db.dataSource.query(
      `INSERT INTO orders.dead_letters (id, message_id, destination, name, version, ordering_key, payload, headers, occurred_at, attempts, last_error, dead_lettered_at)
       VALUES ($1, $2, 'payments', 'RequestPayment', 1, $3, '{"orderId":"o-1","amountCents":100}', '{"traceparent":"00-abc"}', $4::timestamptz - interval '1 minute', 5, 'handler failed: boom', $4)`,
      [id, randomUUID(), fields.orderingKey ?? 'order-1', at],
    );
    return id;
  }

  it('lists dead letters newest first with everything an operator needs, and counts them', async () => {
    const older = await deadLetter('2026-11-30T10:00:00.000100Z');
    const newer = await deadLetter('2026-11-30T11:00:00.000900Z');

    const answer = await store.list({ limit: 10 });

    expect(answer.total).toBe(2);
    expect(answer.items.map((item) => item.id)).toEqual([newer, older]);
    expect(answer.items[0]).toEqual({
      id: newer,
      module: 'orders',
      destination: 'payments',
      name: 'RequestPayment',
      version: 1,
      messageId: expect.any(String),
      orderingKey: 'order-1',
      attempts: 5,
      lastError: 'handler failed: boom',
      occurredAt: '2026-11-30T10:59:00.000Z',
      deadLetteredAt: '2026-11-30T11:00:00.000Z',
      payload: { orderId: 'o-1', amountCents: 100 },
    });
    expect(await store.count()).toBe(2);
  });

  it('pages by position: every letter once, in order, even several in one millisecond', async () => {
    const ids: string[] = [];
    // Three in the same millisecond (they differ in microseconds only), ordered among themselves by id.
    for (const at of ['2026-11-30T10:00:00.001001Z', '2026-11-30T10:00:00.001500Z', '2026-11-30T10:00:00.001999Z', '2026-11-30T09:00:00Z', '2026-11-30T12:00:00Z']) {
      ids.push(await deadLetter(at));
    }
    const expected = (await store.list({ limit: 100 })).items.map((item) => item.id);
    expect(expected).toHaveLength(5);
    expect(expected[0]).toBe(ids[4]);
    expect(expected[4]).toBe(ids[3]);
    expect(expected.slice(1, 4)).toEqual([ids[0], ids[1], ids[2]].sort().reverse());

    const walked: string[] = [];
    let before: DeadLetter | undefined;
    do {
      const { items } = await store.list({ limit: 2, before: before && positionOf(before) });
      walked.push(...items.map((item) => item.id));
      before = items.length === 2 ? items[1] : undefined;
    } while (before);

    expect(walked).toEqual(expected);
  });

  it('replays a dead letter: back in the outbox, due now with no attempts, gone from the dead letters, relay woken', async () => {
    const id = await deadLetter('2026-11-30T10:00:00Z', { orderingKey: 'order-7' });
    const [planted] = await db.dataSource.query('SELECT message_id FROM orders.dead_letters WHERE id = $1', [id]);

    const replayed = await store.replay(id);

    expect(replayed).toMatchObject({ id, module: 'orders', messageId: planted.message_id, orderingKey: 'order-7', attempts: 5 });
    expect(await db.dataSource.query('SELECT * FROM orders.dead_letters')).toEqual([]);
    const outbox = await db.dataSource.query(
      `SELECT message_id, destination, name, version, ordering_key, payload, headers, occurred_at, attempts, delivered_at, last_error,
              next_attempt_at <= now() AS due FROM orders.outbox`,
    );
    expect(outbox).toEqual([
      {
        message_id: planted.message_id,
        destination: 'payments',
        name: 'RequestPayment',
        version: 1,
        ordering_key: 'order-7',
        payload: { orderId: 'o-1', amountCents: 100 },
        headers: { traceparent: '00-abc' },
        occurred_at: new Date('2026-11-30T09:59:00Z'),
        attempts: 0,
        delivered_at: null,
        last_error: null,
        due: true,
      },
    ]);
    expect(wakes).toBe(1);
  });

  it('replays a letter once: a second replay, or one of an id it never had, finds nothing and wakes nobody', async () => {
    const id = await deadLetter('2026-11-30T10:00:00Z');
    expect(await store.replay(id)).toBeDefined();
    wakes = 0;

    expect(await store.replay(id)).toBeUndefined();
    expect(await store.replay(randomUUID())).toBeUndefined();

    expect(wakes).toBe(0);
    expect(await db.dataSource.query('SELECT count(*)::int AS n FROM orders.outbox')).toEqual([{ n: 1 }]);
  });

  it('lists nothing before the oldest letter, and a cursor from encodeCursor reads the same position', async () => {
    const only = await deadLetter('2026-11-30T10:00:00Z');
    const { items } = await store.list({ limit: 1 });
    expect(encodeCursor(positionOf(items[0]))).toBe(encodeCursor({ createdAt: '2026-11-30T10:00:00.000Z', id: only }));

    expect((await store.list({ limit: 10, before: positionOf(items[0]) })).items).toEqual([]);
  });
});
