/** Histograms read from a process's /metrics (Prometheus text format), and the quantiles PromQL would give. */

export interface Histogram {
  /** Cumulative counts per upper bound, ascending, the last one +Inf. */
  buckets: Array<{ le: number; count: number }>;
  sum: number;
  count: number;
}

/** The series of histogram `name` whose labels include every label of `match`, summed into one. */
export function readHistogram(metricsText: string, name: string, match: Record<string, string>): Histogram {
  const buckets = new Map<number, number>();
  let sum = 0;
  let count = 0;
  for (const line of metricsText.split('\n')) {
    const sample = /^(\w+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!sample || !sample[1].startsWith(name)) continue;
    const labels = Object.fromEntries([...sample[2].matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (!Object.entries(match).every(([key, value]) => labels[key] === value)) continue;
    const value = Number(sample[3]);
    if (sample[1] === `${name}_bucket`) {
      const le = labels.le === '+Inf' ? Infinity : Number(labels.le);
      buckets.set(le, (buckets.get(le) ?? 0) + value);
    } else if (sample[1] === `${name}_sum`) sum += value;
    else if (sample[1] === `${name}_count`) count += value;
  }
  return { buckets: [...buckets].sort((a, b) => a[0] - b[0]).map(([le, c]) => ({ le, count: c })), sum, count };
}

/** What happened between two scrapes of the same histogram. */
export function difference(after: Histogram, before: Histogram): Histogram {
  return {
    buckets: after.buckets.map((bucket) => ({ le: bucket.le, count: bucket.count - (before.buckets.find((b) => b.le === bucket.le)?.count ?? 0) })),
    sum: after.sum - before.sum,
    count: after.count - before.count,
  };
}

/**
 * The q-quantile as PromQL's histogram_quantile() estimates it: find the bucket that holds it and interpolate
 * linearly inside it. Only as fine as the buckets: a value between 1 and 2.5 ms is somewhere in that range.
 */
export function quantile(histogram: Histogram, q: number): number {
  if (histogram.count === 0) return NaN;
  const rank = q * histogram.count;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const { le, count } of histogram.buckets) {
    if (count >= rank) {
      if (le === Infinity) return lowerBound;
      return lowerBound + ((le - lowerBound) * (rank - lowerCount)) / Math.max(1, count - lowerCount);
    }
    lowerBound = le;
    lowerCount = count;
  }
  return lowerBound;
}
