import { join } from 'node:path';
import { DataSource, DataSourceOptions, MixedList } from 'typeorm';
import { ModuleName } from '../config/module-name';
import { EmbeddedPostgres } from './embedded-postgres';
import { ModuleDatabase } from './module-database';

export interface ModuleDatabaseOptions {
  module: ModuleName;
  /** A PostgreSQL URL, or undefined for an embedded database under `dataDir/<module>`. */
  url: string | undefined;
  dataDir: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
}

/**
 * Opens a module's own database: its schema (named after the module), its entities and its migrations,
 * which run before the module serves anything. A module never sees another module's tables, so each one
 * can be pointed at a database of its own.
 */
export async function openModuleDatabase(options: ModuleDatabaseOptions): Promise<ModuleDatabase> {
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
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${options.module}"`);
    await dataSource.runMigrations();
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  return new ModuleDatabase(options.module, dataSource, async () => embedded?.stop());
}
