import { AccountStore } from '../../modules/payments/infrastructure/account-store';
import { paymentsPersistence } from '../../modules/payments/payments.persistence';
import { runModuleDatabaseCommand } from './module-database-command';

/**
 * `npm run accounts:rebuild`: recomputes every account's balance row from its events (the source of truth),
 * with the same configuration as the process that hosts payments (DATABASE_URL, DATA_DIR). Safe while the
 * shop runs on a PostgreSQL server: each account is locked while it is rebuilt. An embedded database is held
 * by its process: stop it first.
 */
runModuleDatabaseCommand({ module: 'payments', ...paymentsPersistence }, async (db) => {
  const store = new AccountStore(db);
  let corrected = 0;
  const ids = await store.accountIds();
  for (const id of ids) if ((await store.rebuild(id)).corrected) corrected++;
  return `Rebuilt the balance of ${ids.length} account(s) from their events; ${corrected} differed from their events and were corrected.`;
});
