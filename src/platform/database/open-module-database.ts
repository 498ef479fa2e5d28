import { join } from 'node:path';
import { DataSource, DataSourceOptions, MixedList } from 'typeorm';
import { ModuleName } from '../../module-kit/config/module-name';
import { EmbeddedPostgres } from './embedded-postgres';
import { ModuleDatabase } from '../../module-kit/database/module-database';
import { waitForDatabase } from './wait-for-database';

export interface ModuleDatabaseOptions {
  module: ModuleName;
  /** A PostgreSQL URL, or undefined for an embedded database under `dataDir/<module>`. */
  url: string | undefined;
  dataDir: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
  /** How long to wait for a server at `url` that cannot be reached yet (see wait-for-database.ts); 0: not at all. */
  connectTimeoutMs?: number;
  /** Where the attempts of that wait are told. */
  log?: (line: string) => void;
}

/**
 * Opens a module's own database: its schema (named after the module), its entities and its migrations,
 * which run before the module serves anything. A module never sees another module's tables, so each one
 * can be pointed at a database of its own.
 */
export async function openModuleDatabase(options: ModuleDatabaseOptions): Promise<ModuleDatabase> {
  if (options.url) await waitForDatabase(options.url, { timeoutMs: options.connectTimeoutMs ?? 0, log: options.log ?? (() => undefined) });
  const embedded = options.url ? undefined : await EmbeddedPostgres.start(join(options.dataDir, options.module));
  const connection: Partial<DataSourceOptions> = embedded
    ? { ...embedded.endpoint, extra: { max: 1 } }
    : { url: options.url, extra: { max: 10 } };

  const dataSource = new DataSource({
    type: 'postgres',
    ...connection,
    schema: options.module,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    // PGlite has no uuid-ossp; gen_random_uuid() is built into PostgreSQL 13+.
    uuidExtension: 'pgcrypto',
    synchronize: false,
    logging: false,
  } as DataSourceOptions);

  try {
    await dataSource.initialize();
    // Replicas of a module start together against one server: one migrates, the others wait for it.
    // (An embedded database has a single owner process, and a single connection to hold a lock with.)
    await (embedded ? migrate(dataSource, options.module) : withMigrationLock(dataSource, options.module, () => migrate(dataSource, options.module)));
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  return new ModuleDatabase(options.module, dataSource, async () => embedded?.stop());
}

async function migrate(dataSource: DataSource, schema: string): Promise<void> {
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await dataSource.runMigrations();
}

async function withMigrationLock(dataSource: DataSource, schema: string, work: () => Promise<void>): Promise<void> {
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock(hashtext($1))', [`shop.migrations.${schema}`]);
    await work();
  } finally {
    await lockHolder.query('SELECT pg_advisory_unlock(hashtext($1))', [`shop.migrations.${schema}`]).catch(() => undefined);
    await lockHolder.release();
  }
}
