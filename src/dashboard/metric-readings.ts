import { MetricSamples } from '../platform/observability/process-report';

/** One sample of a metric, from whichever process reported it. */
type Sample = MetricSamples['values'][number];

/** A value per combination of some labels, e.g. per (source, destination). */
export interface Reading {
  labels: Record<string, string>;
  value: number;
}

/** Latency of a set of histogram series taken together, in milliseconds. */
export interface LatencyReading {
  labels: Record<string, string>;
  count: number;
  meanMs: number;
  /** Estimated from the buckets as Prometheus's histogram_quantile does: good to the bucket. */
  p50Ms: number;
  p95Ms: number;
}

/** Every sample of the metric `name`, from every report. */
export function samplesOf(reports: Array<{ metrics: MetricSamples[] }>, name: string): Sample[] {
  return reports.flatMap((report) => report.metrics.filter((metric) => metric.name === name).flatMap((metric) => metric.values));
}

/** Counters added up across processes, by the labels named: each process counts what it did itself. */
export function sumBy(samples: Sample[], labels: string[]): Reading[] {
  return combineBy(samples, labels, (a, b) => a + b);
}

/**
 * Gauges read from a module's own tables, by the labels named: two processes that host the same module read the
 * same rows, so the largest is the true value (a sum would count them twice).
 */
export function maxBy(samples: Sample[], labels: string[]): Reading[] {
  return combineBy(samples, labels, Math.max);
}

/** Histogram samples (buckets, sum and count, in seconds) combined by the labels named, as milliseconds. */
export function latencyBy(samples: Sample[], labels: string[]): LatencyReading[] {
  const groups = new Map<string, { labels: Record<string, string>; count: number; sum: number; buckets: Map<number, number> }>();
  for (const sample of samples) {
    const picked = pick(sample.labels, labels);
    const key = JSON.stringify(picked);
    const group = groups.get(key) ?? { labels: picked, count: 0, sum: 0, buckets: new Map<number, number>() };
    groups.set(key, group);
    if (sample.metricName?.endsWith('_count')) group.count += sample.value;
    else if (sample.metricName?.endsWith('_sum')) group.sum += sample.value;
    else if (sample.metricName?.endsWith('_bucket')) {
      const le = sample.labels.le === '+Inf' ? Infinity : Number(sample.labels.le);
      group.buckets.set(le, (group.buckets.get(le) ?? 0) + sample.value);
    }
  }
  return [...groups.values()]
    .filter((group) => group.count > 0)
    .map(({ labels: picked, count, sum, buckets }) => {
      const sorted = [...buckets].sort(([a], [b]) => a - b);
      return { labels: picked, count, meanMs: toMs(sum / count), p50Ms: toMs(quantile(0.5, sorted, count)), p95Ms: toMs(quantile(0.95, sorted, count)) };
    });
}

/** Linear interpolation inside the bucket that holds the rank, as histogram_quantile; the +Inf bucket gives its lower bound. */
function quantile(q: number, cumulative: Array<[number, number]>, count: number): number {
  const rank = q * count;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const [bound, seen] of cumulative) {
    if (seen >= rank) {
      if (bound === Infinity) return lowerBound;
      return lowerBound + ((bound - lowerBound) * (rank - lowerCount)) / Math.max(seen - lowerCount, 1e-12);
    }
    lowerBound = bound;
    lowerCount = seen;
  }
  return lowerBound;
}

function combineBy(samples: Sample[], labels: string[], combine: (a: number, b: number) => number): Reading[] {
  const readings = new Map<string, Reading>();
  for (const sample of samples) {
    const picked = pick(sample.labels, labels);
    const key = JSON.stringify(picked);
    const reading = readings.get(key);
    readings.set(key, { labels: picked, value: reading ? combine(reading.value, sample.value) : sample.value });
  }
  return [...readings.values()];
}

function pick(labels: Sample['labels'], names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, String(labels[name] ?? '')]));
}

function toMs(seconds: number): number {
  return Math.round(seconds * 1000 * 1000) / 1000;
}
