import { Fault, runFaultsUnderLoad } from '../support/fault-run';
import { faultSeed, sleep } from '../support/order-load';
import { RunningShop, startShop } from '../support/running-shop';
import { Topology, TOPOLOGIES } from '../support/topologies';

// Load, faults, recovery and the checks once quiet take a minute or two on a busy 2-core machine.
jest.setTimeout(300_000);

// Real processes (dist/main.js: `npm run build` first) on the embedded database, killed with SIGKILL under a
// steady order load and started again on the same DATA_DIR, as a crash and a supervisor would.
const topology = (name: string): Topology => TOPOLOGIES.find((t) => t.name === name)!;

/** SIGKILL process `index`, leave it down a moment, start it again on the same data. */
function crash(shop: RunningShop, index: number, what: string, downMs: number): Fault {
  return {
    label: `SIGKILL the ${what} process (pid file and all left behind), start it again ${downMs} ms later`,
    inject: async () => {
      await shop.kill(index, 'SIGKILL');
      await sleep(downMs);
      await shop.restart(index);
    },
  };
}

describe('processes killed with SIGKILL under load', () => {
  let shop: RunningShop | undefined;
  afterEach(async () => {
    await shop?.stop();
    shop = undefined;
  });

  it('the monolith: every accepted order settles once, money is conserved', async () => {
    const seed = faultSeed();
    shop = await startShop(topology('monolith'), { ...process.env, E2E_PROCESSES: 'spawn' });
    const { load, report } = await runFaultsUnderLoad({
      name: 'monolith, SIGKILL',
      shop,
      seed,
      loadMs: 40_000,
      faults: [crash(shop, 0, 'monolith', 500), crash(shop, 0, 'monolith', 1500)],
    });
    expect(load.unexpected).toEqual([]);
    expect(report.orders).toBeGreaterThan(0);
  });

  it('payments out over tcp: the payments process, then the gateway process, killed and restarted', async () => {
    const seed = faultSeed();
    shop = await startShop(topology('payments out'), { ...process.env, E2E_PROCESSES: 'spawn', TRANSPORT: 'tcp' });
    const { load, report } = await runFaultsUnderLoad({
      name: 'payments out (tcp), SIGKILL',
      shop,
      seed,
      loadMs: 40_000,
      faults: [crash(shop, 1, 'payments', 1000), crash(shop, 0, 'gateway (customers, orders)', 1000)],
    });
    expect(load.unexpected).toEqual([]);
    expect(report.orders).toBeGreaterThan(0);
  });
});
