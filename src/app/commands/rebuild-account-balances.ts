import 'reflect-metadata';
import { join } from 'node:path';
import { loadConfig } from '../load-app-config';
import { ConfigError } from '../../platform/config/config-error';
import { StartupError } from '../../platform/config/startup-error';
import { DataDirLock } from '../../platform/database/data-dir-lock';
import { openModuleDatabase } from '../../platform/database/open-module-database';
import { AccountStore } from '../../modules/payments/infrastructure/account-store';
import { paymentsPersistence } from '../../modules/payments/payments.persistence';

/**
 * `npm run accounts:rebuild`: recomputes every account's balance row from its events (the source of truth),
 * with the same configuration as the process that hosts payments (DATABASE_URL, DATA_DIR). Safe while the
 * shop runs on a PostgreSQL server: each account is locked while it is rebuilt. An embedded database is held
 * by its process: stop it first.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const url = config.databaseUrls.payments;
  if (!url) DataDirLock.assertFree(join(config.dataDir, 'payments'));
  const db = await openModuleDatabase({ module: 'payments', url, dataDir: config.dataDir, ...paymentsPersistence });
  try {
    const store = new AccountStore(db);
    let corrected = 0;
    const ids = await store.accountIds();
    for (const id of ids) if ((await store.rebuild(id)).corrected) corrected++;
    console.log(`Rebuilt the balance of ${ids.length} account(s) from their events; ${corrected} differed from their events and were corrected.`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError) console.error(error.message);
  else console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
