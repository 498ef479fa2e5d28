import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../module-kit/config/app-config';
import { ModuleName } from '../../module-kit/config/module-name';
import { MessageSummary } from '../messaging/message-summary';
import { RecentMessages } from '../messaging/recent-messages';
import { Metrics } from './metrics';

/** What to put in a report: some of the process's metrics by name, and the messages it saw after an instant. */
export interface ProcessReportRequest {
  metrics: string[];
  /** Epoch ms; leave out for no messages. */
  messagesAfter?: number;
}

/** One metric's samples, as prom-client lists them (a histogram's `_bucket`, `_sum` and `_count` named in `metricName`). */
export interface MetricSamples {
  name: string;
  values: Array<{ value: number; labels: Record<string, string | number>; metricName?: string }>;
}

/** A process describing itself: which modules it hosts, the metrics asked for, and the last messages it saw. */
export interface ProcessReport {
  /** The modules it hosts, as RecentSpans names it ("customers+orders"). */
  process: string;
  modules: ModuleName[];
  metrics: MetricSamples[];
  messages: MessageSummary[];
}

const MAX_METRICS = 20;
const MAX_MESSAGES = 200;

/**
 * Builds this process's report: what the dashboard of any process shows of it (asked over the transport,
 * as spans are). Plain data only; the messages are summaries, never payloads.
 */
@Injectable()
export class ProcessReporter {
  constructor(
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
    private readonly messages: RecentMessages,
  ) {}

  async report(request: ProcessReportRequest): Promise<ProcessReport> {
    const metrics: MetricSamples[] = [];
    for (const name of request.metrics.slice(0, MAX_METRICS)) {
      const metric = this.metrics.registry.getSingleMetric(name);
      // A gauge whose source fails (a database down) is left out of this report rather than failing all of it.
      const samples = await metric?.get().catch(() => undefined);
      if (!samples) continue;
      const values = samples.values as Array<{ value: number; labels: MetricSamples['values'][number]['labels']; metricName?: string }>;
      metrics.push({ name, values: values.map(({ value, labels, metricName }) => ({ value, labels: { ...labels }, ...(metricName ? { metricName } : {}) })) });
    }
    return {
      process: this.config.modules.join('+'),
      modules: [...this.config.modules],
      metrics,
      messages: request.messagesAfter === undefined ? [] : this.messages.after(request.messagesAfter, MAX_MESSAGES),
    };
  }
}

/** Whether a request from the wire is one a process can answer: metric names and, if any, an instant. */
export function isProcessReportRequest(value: unknown): value is ProcessReportRequest {
  const request = value as Partial<ProcessReportRequest> | null;
  if (typeof request !== 'object' || request === null || !Array.isArray(request.metrics)) return false;
  if (request.metrics.length > MAX_METRICS || !request.metrics.every((name) => typeof name === 'string' && /^[a-z_:][a-z0-9_:]{0,99}$/.test(name))) return false;
  return request.messagesAfter === undefined || Number.isFinite(request.messagesAfter);
}
