import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { ModuleName } from '../../module-kit/config/module-name';
import { MODULE_NAMES } from '../module-names';
import { ModuleDatabase } from '../../module-kit/database/module-database';
import { openModuleDatabase } from '../../platform/database/open-module-database';
import { DeadLetterStore } from '../../platform/messaging/dead-letter-store';
import { DeadLetterStores } from '../../platform/messaging/dead-letter-stores';
import { addOrderingKeysAndDeadLetters, createMessagingTables } from '../../module-kit/messaging/messaging-tables';
import { ModuleClients } from '../../platform/transport/module-clients';
import { DeadLetterDirectory } from './dead-letter-directory';

function migrationFor(schema: ModuleName) {
  return class CreateMessagingTables1700000000000 implements MigrationInterface {
    async up(queryRunner: QueryRunner): Promise<void> {
      await createMessagingTables(queryRunner, schema);
      await addOrderingKeysAndDeadLetters(queryRunner, schema);
    }
    async down(): Promise<void> {}
  };
}

// Every module hosted here, each on its own embedded PostgreSQL: the list across modules as one order.
describe('DeadLetterDirectory', () => {
  let dataDir: string;
  const databases = new Map<ModuleName, ModuleDatabase>();
  let directory: DeadLetterDirectory;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'shop-dead-letter-directory-'));
    const stores = new DeadLetterStores();
    for (const module of MODULE_NAMES) {
      const db = await openModuleDatabase({ module, url: undefined, dataDir, entities: [], migrations: [migrationFor(module)] });
      databases.set(module, db);
      stores.register(module, new DeadLetterStore(db, () => undefined));
    }
    directory = new DeadLetterDirectory(stores, new ModuleClients(new Map()));
  });
  afterAll(async () => {
    for (const db of databases.values()) await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function deadLetter(module: ModuleName, at: string): Promise<string> {
    const id = randomUUID();
    await databases.get(module)!.dataSource.query(
      `INSERT INTO "${module}".dead_letters (id, message_id, destination, name, version, ordering_key, payload, occurred_at, attempts, last_error, dead_lettered_at)
       VALUES ($1, gen_random_uuid(), 'payments', 'Something', 1, 'key', '{}', $2, 3, 'failed', $2)`,
      [id, at],
    );
    return id;
  }

  it('merges every module into one newest-first list whose cursor pages through all of them', async () => {
    const planted = [
      ['orders', '2026-11-30T10:00:05.000Z'],
      ['payments', '2026-11-30T10:00:04.000Z'],
      ['orders', '2026-11-30T10:00:03.000Z'],
      ['customers', '2026-11-30T10:00:02.000Z'],
      ['payments', '2026-11-30T10:00:01.000Z'],
    ] as const;
    const ids: string[] = [];
    for (const [module, at] of planted) ids.push(await deadLetter(module, at));

    const first = await directory.list(undefined, { limit: 2 });
    expect(first.items.map((item) => [item.module, item.id])).toEqual([
      ['orders', ids[0]],
      ['payments', ids[1]],
    ]);
    expect(first.totals).toEqual({ customers: 1, orders: 2, payments: 2 });
    expect(first.unavailable).toEqual([]);

    const second = await directory.list(undefined, { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((item) => item.id)).toEqual([ids[2], ids[3]]);
    const third = await directory.list(undefined, { limit: 2, cursor: second.nextCursor! });
    expect(third.items.map((item) => item.id)).toEqual([ids[4]]);
    expect(third.nextCursor).toBeNull();

    const payments = await directory.list('payments', { limit: 1 });
    expect(payments.items.map((item) => item.id)).toEqual([ids[1]]);
    expect(payments.totals).toEqual({ payments: 2 });
    expect((await directory.list('payments', { limit: 1, cursor: payments.nextCursor! })).items.map((item) => item.id)).toEqual([ids[4]]);
  });

  it('replays a letter from whichever module holds it, and refuses an id that none holds', async () => {
    const id = await deadLetter('customers', '2026-11-30T11:00:00.000Z');

    await expect(directory.replay(id)).resolves.toMatchObject({ id, module: 'customers' });
    await expect(directory.replay(id)).rejects.toMatchObject({ code: 'DEAD_LETTER_NOT_FOUND', kind: 'not_found' });
  });

  it('refuses a cursor it did not write', async () => {
    await expect(directory.list(undefined, { limit: 2, cursor: 'bm90IGEgY3Vyc29y' })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
  });
});
