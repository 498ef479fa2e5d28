import { ModuleName } from '../../src/module-kit/config/module-name';
import { runFaultsUnderLoad } from '../support/fault-run';
import { faultSeed } from '../support/order-load';
import { RunningShop, startShop } from '../support/running-shop';
import { queryDatabase } from '../support/scratch-database';
import { selectedTopologies, Topology } from '../support/topologies';

// Starting three real processes, 12 s of orders and the checks once quiet take a minute or two on a busy machine.
jest.setTimeout(300_000);

// A module's processes replaced under load, as an orchestrator rolls out a release, in each mixed topology: the
// process of the previous release runs beside one of the checkout's build (one queue group: calls and messages
// go to either), then is stopped with SIGTERM, then is started again (a rollback, or an old replica restarted in
// the middle of the rollout) on the schema the checkout's build has migrated, whose migrations table also holds
// one only a later release knows. The other modules run from the checkout's build throughout. Orders keep
// coming all along; once the shop is quiet, every accepted order has settled once and the money adds up.
const MIXED = selectedTopologies().filter((topology) => topology.fromPreviousRelease?.length);
const BROKERS = ['nats', 'rabbitmq', 'redis'];

describe.each(MIXED)('a rolling upgrade from $name', (topology) => {
  const old = topology.fromPreviousRelease![0];
  const modules = topology.processes[old];
  const name = modules.join(', ');
  // The module's process of the checkout's build comes last.
  const rollout: Topology = { name: `${name} rolled out`, processes: [...topology.processes, modules], fromPreviousRelease: [old] };
  let shop: RunningShop | undefined;
  afterAll(() => shop?.stop());

  it(`keeps every order and every cent while the two releases of ${name} take turns`, async () => {
    const transport = process.env.TRANSPORT ?? 'tcp';
    if (!BROKERS.includes(transport)) throw new Error(`TRANSPORT=${transport}: two processes of one module need a broker (${BROKERS.join(', ')})`);
    // A busy machine can take more than the default 1.5 s to answer a call.
    shop = await startShop(rollout, { ...process.env, REMOTE_CALL_TIMEOUT_MS: '5000' });
    const running = shop;

    const { load, report } = await runFaultsUnderLoad({
      name: `rolling upgrade of ${name} over ${transport}`,
      shop,
      seed: faultSeed(),
      loadMs: 12_000,
      faults: [
        {
          label: `SIGTERM the previous release's ${name}: the checkout's process serves it alone`,
          inject: () => running.stopProcess(old),
        },
        {
          label: `start the previous release's ${name} again, on the schema the checkout's build migrated, with a later release's migration recorded`,
          inject: async () => {
            for (const module of modules) await recordLaterMigration(module);
            await running.startProcess(old);
          },
        },
      ],
    });

    expect(load.unexpected).toEqual([]);
    expect(report.confirmed).toBeGreaterThan(0);
    expect(report.declined).toBeGreaterThan(0);
    expect(report.refunds).toBeGreaterThan(0);
  });
});

/**
 * Records in a module's migrations table a migration neither build has, as a later release's process would
 * leave it: a process of an earlier release must start anyway (TypeORM runs the migrations it has and does not
 * run yet, and passes over the ones it does not have).
 */
async function recordLaterMigration(module: ModuleName): Promise<void> {
  const timestamp = Date.now();
  await queryDatabase(process.env.DATABASE_URL!, `INSERT INTO "${module}".migrations ("timestamp", name) VALUES ($1, $2)`, [timestamp, `LaterRelease${timestamp}`]);
}
