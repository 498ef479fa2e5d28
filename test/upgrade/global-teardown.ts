import { ScratchDatabase } from '../support/scratch-database';
import { UPGRADE_DATABASE } from './global-setup';

/** After `npm run test:upgrade`: drops the run's database (every shop is stopped by then). */
export default async function dropUpgradeDatabase(): Promise<void> {
  await ((globalThis as Record<symbol, unknown>)[UPGRADE_DATABASE] as ScratchDatabase | undefined)?.drop();
}
