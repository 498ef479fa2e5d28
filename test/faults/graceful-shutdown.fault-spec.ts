import { Fault, runFaultsUnderLoad } from '../support/fault-run';
import { faultSeed } from '../support/order-load';
import { ProcessExit, RunningShop, startShop } from '../support/running-shop';
import { TOPOLOGIES } from '../support/topologies';

// Load, faults, recovery and the checks once quiet take a minute or two on a busy 2-core machine.
jest.setTimeout(300_000);

// What an orchestrator does on every deploy: SIGTERM a process while HTTP requests and saga messages are in
// flight. The process must finish what it took (answering every request it read, delivering or keeping
// every message), exit 0 within a bound, and the restarted process must settle everything that was accepted.
// Real processes: `npm run build` first.

/** Well above the shutdown's own bounds (in-flight work 10 s, outbox round 5 s): a hang, not a slow drain. */
const DRAIN_BOUND_MS = 30_000;

function sigterm(shop: RunningShop, index: number, what: string, exits: ProcessExit[]): Fault {
  return {
    label: `SIGTERM the ${what} process, start it again once it has exited`,
    inject: async () => {
      const exit = await shop.kill(index, 'SIGTERM');
      process.stdout.write(`[faults] ${what} exited with code ${exit.code} (signal ${exit.signal}) ${exit.afterMs} ms after SIGTERM\n`);
      exits.push(exit);
      await shop.restart(index);
    },
  };
}

describe('SIGTERM while requests and saga events are in flight', () => {
  let shop: RunningShop | undefined;
  afterEach(async () => {
    await shop?.stop();
    shop = undefined;
  });

  it('the monolith drains, exits 0, and loses nothing', async () => {
    const exits: ProcessExit[] = [];
    shop = await startShop(TOPOLOGIES.find((t) => t.name === 'monolith')!, { ...process.env, E2E_PROCESSES: 'spawn' });
    const { load, report } = await runFaultsUnderLoad({
      name: 'monolith, SIGTERM',
      shop,
      seed: faultSeed(),
      loadMs: 20_000,
      faults: [sigterm(shop, 0, 'monolith', exits)],
    });
    expect(exits).toEqual([expect.objectContaining({ code: 0, signal: null })]);
    expect(exits[0].afterMs).toBeLessThan(DRAIN_BOUND_MS);
    expect(load.unexpected).toEqual([]);
    expect(report.orders).toBeGreaterThan(0);
  });

  it('payments out over tcp: the payments process, then the gateway, drain, exit 0, and lose nothing', async () => {
    const exits: ProcessExit[] = [];
    shop = await startShop(TOPOLOGIES.find((t) => t.name === 'payments out')!, { ...process.env, E2E_PROCESSES: 'spawn', TRANSPORT: 'tcp' });
    const { load, report } = await runFaultsUnderLoad({
      name: 'payments out (tcp), SIGTERM',
      shop,
      seed: faultSeed(),
      loadMs: 25_000,
      faults: [sigterm(shop, 1, 'payments', exits), sigterm(shop, 0, 'gateway (customers, orders)', exits)],
    });
    expect(exits).toEqual([expect.objectContaining({ code: 0, signal: null }), expect.objectContaining({ code: 0, signal: null })]);
    for (const exit of exits) expect(exit.afterMs).toBeLessThan(DRAIN_BOUND_MS);
    expect(load.unexpected).toEqual([]);
    expect(report.orders).toBeGreaterThan(0);
  });
});
