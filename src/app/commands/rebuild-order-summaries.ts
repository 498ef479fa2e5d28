import 'reflect-metadata';
import { join } from 'node:path';
import { loadConfig } from '../load-app-config';
import { ConfigError } from '../../platform/config/config-error';
import { StartupError } from '../../platform/config/startup-error';
import { DataDirLock } from '../../platform/database/data-dir-lock';
import { openModuleDatabase } from '../../platform/database/open-module-database';
import { OrderSummaryProjection } from '../../modules/orders/application/projections/order-summary.projection';
import { OrderSummaryRepository } from '../../modules/orders/infrastructure/order-summary.repository';
import { ordersPersistence } from '../../modules/orders/orders.persistence';

/**
 * `npm run projections:rebuild`: folds every order summary again from the facts the projection recorded (its
 * durable source: the outbox forgets its rows after RETENTION_HOURS), with the same configuration as the
 * process that hosts orders (DATABASE_URL, DATA_DIR). Safe while the shop runs on a PostgreSQL server: each
 * order is locked while it is folded. An embedded database is held by its process: stop it first.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const url = config.databaseUrls.orders;
  if (!url) DataDirLock.assertFree(join(config.dataDir, 'orders'));
  const db = await openModuleDatabase({ module: 'orders', url, dataDir: config.dataDir, ...ordersPersistence });
  try {
    const { orders, corrected } = await new OrderSummaryProjection(db, new OrderSummaryRepository(db)).rebuild();
    console.log(`Rebuilt the summary of ${orders} order(s) from their recorded events; ${corrected} differed and were corrected.`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError) console.error(error.message);
  else console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
