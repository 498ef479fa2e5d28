/** Small statistics helpers: exact percentiles over recorded samples, medians over repetitions. */

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  // Nearest rank: the smallest value such that p% of the samples are at or below it.
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(samples: number[]): Percentiles {
  const sorted = Float64Array.from(samples).sort();
  const values = Array.from(sorted);
  const sum = values.reduce((a, b) => a + b, 0);
  return {
    count: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: values.length ? values[values.length - 1] : NaN,
    mean: values.length ? sum / values.length : NaN,
  };
}

export function median(values: number[]): number {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return NaN;
  const mid = Math.floor(finite.length / 2);
  return finite.length % 2 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
}

/** The median of each numeric field over several objects of the same shape. */
export function medianOf<T extends object>(items: T[]): T {
  const result: Record<string, unknown> = {};
  if (items.length === 0) return result as T;
  for (const key of Object.keys(items[0])) {
    const values = items.map((item) => (item as Record<string, unknown>)[key]);
    if (values.every((v) => typeof v === 'number')) result[key] = median(values as number[]);
    else if (values.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) result[key] = medianOf(values as object[]);
    else result[key] = values[0];
  }
  return result as T;
}

export function round(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
