import { ModuleName } from '../../src/shared/config/module-name';

/** A deployment of the shop: which modules each process hosts. */
export interface Topology {
  name: string;
  processes: ModuleName[][];
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

/** The topologies to run: all, or those named in E2E_TOPOLOGIES (comma list, e.g. "monolith,payments out"). */
export function selectedTopologies(env = process.env): Topology[] {
  const wanted = env.E2E_TOPOLOGIES?.split(',').map((name) => name.trim()).filter(Boolean);
  if (!wanted?.length) return TOPOLOGIES;
  const unknown = wanted.filter((name) => !TOPOLOGIES.some((t) => t.name === name));
  if (unknown.length) throw new Error(`E2E_TOPOLOGIES names unknown topologies: ${unknown.join(', ')}`);
  return TOPOLOGIES.filter((t) => wanted.includes(t.name));
}
