import { OrderSummaryProjection } from '../../modules/orders/application/projections/order-summary.projection';
import { OrderSummaryRepository } from '../../modules/orders/infrastructure/order-summary.repository';
import { ordersPersistence } from '../../modules/orders/orders.persistence';
import { runModuleDatabaseCommand } from './module-database-command';

/**
 * `npm run projections:rebuild`: folds every order summary again from the facts the projection recorded (its
 * durable source: the outbox forgets its rows after RETENTION_HOURS), with the same configuration as the
 * process that hosts orders (DATABASE_URL, DATA_DIR). Safe while the shop runs on a PostgreSQL server: each
 * order is locked while it is folded. An embedded database is held by its process: stop it first.
 */
runModuleDatabaseCommand({ module: 'orders', ...ordersPersistence }, async (db) => {
  const { orders, corrected } = await new OrderSummaryProjection(db, new OrderSummaryRepository(db)).rebuild();
  return `Rebuilt the summary of ${orders} order(s) from their recorded events; ${corrected} differed and were corrected.`;
});
