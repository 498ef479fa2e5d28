import { prepareReleaseBuild, previousRelease } from '../support/previous-release';
import { ScratchDatabase } from '../support/scratch-database';
import { MIXED_RELEASES, selectedTopologies } from '../support/topologies';

/** The run's database, for the teardown (jest shares globals between global setup and teardown only). */
export const UPGRADE_DATABASE = Symbol.for('shop.upgrade.database');

/**
 * Before `npm run test:upgrade`: the previous release's build (E2E_OLD_BUILD, unless given), every mixed
 * topology (unless E2E_TOPOLOGIES names some), NATS (unless TRANSPORT names another broker), and a database of
 * the run's own on the PostgreSQL server of DATABASE_URL (or the local one), created again at each run.
 */
export default async function prepareUpgradeRun(): Promise<void> {
  const say = (line: string) => process.stdout.write(`[upgrade] ${line}\n`);
  if (!process.env.E2E_OLD_BUILD) {
    const release = previousRelease();
    say(`previous release: ${release.commit.slice(0, 7)} of ${release.date}, "${release.summary}"`);
    process.env.E2E_OLD_BUILD = prepareReleaseBuild(release, say);
  }
  process.env.E2E_TOPOLOGIES ||= MIXED_RELEASES.map((topology) => topology.name).join(',');
  if (!selectedTopologies().some((topology) => topology.fromPreviousRelease?.length)) {
    throw new Error(`E2E_TOPOLOGIES names no topology with a process of the previous release: name one of ${MIXED_RELEASES.map((t) => `"${t.name}"`).join(', ')}`);
  }
  process.env.TRANSPORT ||= 'nats';
  const database = await ScratchDatabase.create('rolling_upgrade');
  process.env.DATABASE_URL = database.url;
  (globalThis as Record<symbol, unknown>)[UPGRADE_DATABASE] = database;
  say(`old build ${process.env.E2E_OLD_BUILD}; topologies ${process.env.E2E_TOPOLOGIES}; over ${process.env.TRANSPORT}; database ${database.url}`);
}
