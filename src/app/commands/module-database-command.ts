import 'reflect-metadata';
import { join } from 'node:path';
import { loadConfig } from '../load-app-config';
import { ConfigError } from '../../platform/config/config-error';
import { StartupError } from '../../platform/config/startup-error';
import { DataDirLock } from '../../platform/database/data-dir-lock';
import { ModuleDatabase } from '../../module-kit/database/module-database';
import { ModuleDatabaseOptions, openModuleDatabase } from '../../platform/database/open-module-database';

/**
 * Runs an admin command (`npm run accounts:rebuild`, `npm run projections:rebuild`) on one module's database,
 * found with the same configuration as the process that hosts the module (DATABASE_URL, DATA_DIR). An
 * embedded database is held by its process, so the command refuses to open one that a running shop holds.
 * Prints what `work` reports, or one line saying what went wrong, and sets the exit code.
 */
export function runModuleDatabaseCommand(persistence: Pick<ModuleDatabaseOptions, 'module' | 'entities' | 'migrations'>, work: (db: ModuleDatabase) => Promise<string>): void {
  const run = async () => {
    const config = loadConfig();
    const url = config.databaseUrls[persistence.module];
    if (!url) DataDirLock.assertFree(join(config.dataDir, persistence.module));
    const db = await openModuleDatabase({ ...persistence, url, dataDir: config.dataDir });
    try {
      console.log(await work(db));
    } finally {
      await db.close();
    }
  };
  run().catch((error: unknown) => {
    if (error instanceof ConfigError || error instanceof StartupError) console.error(error.message);
    else console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
