import { ModuleName } from '../../src/module-kit/config/module-name';

/** A deployment of the shop: which modules each process hosts. */
export interface Topology {
  name: string;
  processes: ModuleName[][];
  /**
   * Indexes of the processes that run from the previous release's build (E2E_OLD_BUILD, see
   * test/support/previous-release.ts) instead of the checkout's: always as real processes.
   */
  fromPreviousRelease?: number[];
}

export const TOPOLOGIES: Topology[] = [
  { name: 'monolith', processes: [['customers', 'orders', 'payments']] },
  { name: 'customers out', processes: [['orders', 'payments'], ['customers']] },
  { name: 'orders out', processes: [['customers', 'payments'], ['orders']] },
  { name: 'payments out', processes: [['customers', 'orders'], ['payments']] },
  { name: 'all apart', processes: [['customers'], ['orders'], ['payments']] },
];

/**
 * Every module apart, and orders and payments run as replicas (processes with the same MODULES) against one
 * database, as an orchestrator scales them. Not in TOPOLOGIES: with TCP a module has one address, so its
 * replicas need a load balancer in front, which the test harness does not provide.
 */
export const REPLICATED: Topology = {
  name: 'replicas',
  processes: [['customers'], ['orders'], ['orders'], ['payments'], ['payments'], ['payments']],
};

/**
 * A rolling upgrade half done: one module still runs from the previous release's build, in a process of its
 * own, and the other two from the checkout's, together (so every call and message to or from the old module
 * crosses the transport between the two builds). Not in TOPOLOGIES: `npm run test:upgrade` prepares that
 * build and runs the contract suites and the saga in these, one module old at a time.
 */
export const MIXED_RELEASES: Topology[] = [
  { name: 'payments old', processes: [['customers', 'orders'], ['payments']], fromPreviousRelease: [1] },
  { name: 'orders old', processes: [['customers', 'payments'], ['orders']], fromPreviousRelease: [1] },
  { name: 'customers old', processes: [['orders', 'payments'], ['customers']], fromPreviousRelease: [1] },
];

/**
 * Whether any process of `topology` runs the previous release. Every process serves the whole HTTP API, each
 * its own release's: an endpoint newer than that release is answered 404 by the old process, so its tests are
 * skipped there (a new endpoint is announced once the rollout is done).
 */
export function mixesReleases(topology: Topology): boolean {
  return (topology.fromPreviousRelease?.length ?? 0) > 0;
}

/**
 * The topologies to run: all of TOPOLOGIES, or those named in E2E_TOPOLOGIES (comma list, e.g.
 * "monolith,payments out"; the MIXED_RELEASES can be named too).
 */
export function selectedTopologies(env = process.env): Topology[] {
  const wanted = env.E2E_TOPOLOGIES?.split(',').map((name) => name.trim()).filter(Boolean);
  if (!wanted?.length) return TOPOLOGIES;
  const known = [...TOPOLOGIES, ...MIXED_RELEASES];
  const unknown = wanted.filter((name) => !known.some((t) => t.name === name));
  if (unknown.length) throw new Error(`E2E_TOPOLOGIES names unknown topologies: ${unknown.join(', ')}`);
  return known.filter((t) => wanted.includes(t.name));
}
