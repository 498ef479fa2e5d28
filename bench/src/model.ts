import type { AccountScaleResult } from './account-scale';
import type { MicroResult } from './micro-worker';
import type { OverloadResult } from './overload';
import type { Percentiles } from './stats';
import type { WorkloadRun } from './workloads';

export type WorkloadName = 'overview' | 'saga' | 'mix';

/** Medians over the repetitions of one workload. */
export interface WorkloadSummary {
  repetitions: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  cpuPer1k: number;
  externalCpuPer1k: number;
  errors: number;
  /** The most cores anything else on the machine kept busy during one of the runs. */
  otherLoadCores: number;
  operations: number;
  eventPath?: { p50: number; p95: number; p99: number; count: number };
  runs: WorkloadRun[];
}

export interface TopologyResult {
  id: string;
  label: string;
  transport: string;
  processes: Array<{ modules: string[]; peakRssMb: number }>;
  peakMemoryMb: number;
  externalCpu: string;
  workloads: Partial<Record<WorkloadName, WorkloadSummary>>;
  idle?: { endToEnd: Percentiles; eventPath: Percentiles };
  skipped?: string;
  failed?: string;
}

export interface CeilingResult {
  database: string;
  /** The monolith's GET overview, and the bare handler's. */
  monolith?: WorkloadSummary;
  baseline?: WorkloadSummary & { peakMemoryMb: number };
  /** The saga (place → capture → confirm, closed loop), the monolith's and the bare program's. */
  monolithSaga?: WorkloadSummary;
  baselineSaga?: WorkloadSummary;
  /** The monolith on PostgreSQL, one order at a time. */
  monolithIdle?: { endToEnd: Percentiles; eventPath: Percentiles };
  accountScale?: AccountScaleResult;
  /** POST deposits from 8 writers on one account. */
  deposits?: WorkloadSummary;
  /** VmHWM of the monolith on PostgreSQL after all of the above. */
  monolithPeakMemoryMb?: number;
  skipped?: string;
  failed?: string;
}

export interface MicroSection {
  database: string;
  runs: Array<MicroResult & { skipped?: string; failed?: string }>;
}

export interface TargetResult {
  id: string;
  target: string;
  measured: string;
  limit: string;
  holds: boolean | undefined;
  /** By how much it misses (or clears) the limit. */
  margin: string;
  why?: string;
}

export interface BenchReport {
  schema: 1;
  mode: 'quick' | 'full';
  label?: string;
  startedAt: string;
  finishedAt: string;
  wallSeconds: number;
  machine: Record<string, string | number>;
  versions: Record<string, string>;
  settings: Record<string, string | number | boolean>;
  database: string;
  topologies: TopologyResult[];
  ceiling?: CeilingResult;
  micro?: MicroSection;
  overload?: OverloadResult;
  targets: TargetResult[];
  notes: string[];
}
