import { HttpClient } from './http-client';
import { OrderLoad, seededRandom, sleep } from './order-load';
import { RunningShop } from './running-shop';
import { expectInvariantsOnceQuiet, InvariantReport } from './shop-invariants';

export interface Fault {
  /** What it does, for the run's printout ("SIGKILL the payments process, start it again"). */
  label: string;
  inject(): Promise<void>;
}

export interface FaultRunOptions {
  name: string;
  shop: RunningShop;
  seed: number;
  faults: Fault[];
  /** How long orders keep coming (faults happen at random moments inside it). */
  loadMs: number;
  customers?: number;
  workers?: number;
}

export interface FaultRunResult {
  load: OrderLoad;
  report: InvariantReport;
}

/**
 * Runs a steady order load against every process of the shop, injects the faults one after another at
 * seeded random moments, stops the load, waits until the shop is quiet and checks the invariants. Prints
 * what it did and what it checked; the caller asserts on the result (no unexpected answers).
 */
export async function runFaultsUnderLoad(options: FaultRunOptions): Promise<FaultRunResult> {
  const { name, shop, seed, faults, loadMs } = options;
  const random = seededRandom(seed);
  const say = (line: string) => process.stdout.write(`[faults] ${name}: ${line}\n`);
  say(`seed ${seed} (replay with FAULT_SEED=${seed})`);

  const load = new OrderLoad(
    shop.urls.map((url) => new HttpClient(url, shop.adminHeaders)),
    random,
  );
  await load.prepare(options.customers ?? 6);
  const startedAt = Date.now();
  load.start(options.workers ?? 3);
  const slot = loadMs / (faults.length + 1);
  for (const fault of faults) {
    await sleep(slot * (0.5 + random()));
    const at = Date.now() - startedAt;
    await fault.inject();
    say(`at ${(at / 1000).toFixed(1)} s: ${fault.label} (back after ${((Date.now() - startedAt - at) / 1000).toFixed(1)} s; ${load.counts.posts} orders posted so far)`);
  }
  await sleep(Math.max(0, loadMs - (Date.now() - startedAt)));
  await load.stop();
  say(`load: ${JSON.stringify(load.counts)}; final answers by status ${JSON.stringify(Object.fromEntries(load.statuses))}`);

  const quietFrom = Date.now();
  const report = await expectInvariantsOnceQuiet(new HttpClient(shop.urls[0], shop.adminHeaders), load);
  say(
    `quiet after ${((Date.now() - quietFrom) / 1000).toFixed(1)} s: ${report.orders} accepted orders = ${report.confirmed} CONFIRMED + ${report.declined} declined + ${report.timedOut} timed out + ` +
      `${report.cancelledByCustomer} cancelled by the customer; ${report.captures} captures, ${report.refunds} refunds over ${report.customers} accounts`,
  );
  for (const check of report.checks) say(`checked: ${check}`);
  if (load.unexpected.length) say(`unexpected answers:\n  ${load.unexpected.slice(0, 20).join('\n  ')}`);
  return { load, report };
}
