import { Injectable } from '@nestjs/common';
import { ModuleName } from '../module-kit/config/module-name';
import { MessageSummary } from '../platform/messaging/message-summary';
import { LatencyReading, latencyBy, maxBy, Reading, samplesOf, sumBy } from './metric-readings';
import { ShopReports } from './shop-reports';

/** The metrics the page shows (see src/platform/observability/metrics.ts). */
const METRICS = {
  backlog: 'outbox_pending_messages',
  sent: 'outbox_messages_sent_total',
  failed: 'message_delivery_failures_total',
  deadLettered: 'messages_dead_lettered_total',
  deadLetters: 'dead_letters',
  calls: 'module_call_duration_seconds',
} as const;

const MAX_EVENTS = 200;

export interface DeliveryRoute {
  source: string;
  destination: string;
  /** Written to the source's outbox and not delivered yet. */
  pending: number;
  /** Since each process started: delivered, failed attempts (retried), given up on (dead-lettered). */
  sent: number;
  failed: number;
  deadLettered: number;
}

export interface CallLatency {
  callee: string;
  method: string;
  /** local: in the callee's process (a method call); remote: measured by a caller in another process, transport included. */
  mode: string;
  count: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
}

/** What the whole shop is doing, gathered from every process that answered. */
export interface ActivityView {
  /** The processes that answered (by the modules each hosts), and the modules whose process did not. */
  processes: string[];
  silent: ModuleName[];
  routes: DeliveryRoute[];
  /** Dead letters each module holds now (the gauge `dead_letters`). */
  deadLetters: Array<{ module: string; count: number }>;
  calls: CallLatency[];
  /** The messages every process saw after `since`, newest first, each with the process that saw it. */
  events: Array<MessageSummary & { process: string }>;
  collectedAt: string;
}

/** The dashboard's panels of numbers and events, from the reports of every process. */
@Injectable()
export class Activity {
  constructor(private readonly reports: ShopReports) {}

  async view(sinceEpochMs: number): Promise<ActivityView> {
    const { here, others, silent } = await this.reports.collect({ metrics: Object.values(METRICS), messagesAfter: sinceEpochMs });
    const reports = [here, ...others];
    const route = ['source', 'destination'];
    return {
      processes: reports.map((report) => report.process),
      silent: silent.flat(),
      routes: deliveryRoutes(
        maxBy(samplesOf(reports, METRICS.backlog), route),
        sumBy(samplesOf(reports, METRICS.sent), route),
        sumBy(samplesOf(reports, METRICS.failed), route),
        sumBy(samplesOf(reports, METRICS.deadLettered), route),
      ),
      deadLetters: maxBy(samplesOf(reports, METRICS.deadLetters), ['module']).map(({ labels, value }) => ({ module: labels.module, count: value })),
      calls: latencyBy(samplesOf(reports, METRICS.calls), ['callee', 'method', 'mode'])
        .map(toCallLatency)
        .sort((a, b) => `${a.callee}.${a.method} ${a.mode}`.localeCompare(`${b.callee}.${b.method} ${b.mode}`)),
      events: reports
        .flatMap((report) => report.messages.map((message) => ({ ...message, process: report.process })))
        .sort((a, b) => b.at.localeCompare(a.at))
        .slice(0, MAX_EVENTS),
      collectedAt: new Date().toISOString(),
    };
  }
}

function deliveryRoutes(pending: Reading[], sent: Reading[], failed: Reading[], deadLettered: Reading[]): DeliveryRoute[] {
  const routes = new Map<string, DeliveryRoute>();
  const add = (readings: Reading[], field: 'pending' | 'sent' | 'failed' | 'deadLettered') => {
    for (const { labels, value } of readings) {
      const key = `${labels.source}>${labels.destination}`;
      const route = routes.get(key) ?? { source: labels.source, destination: labels.destination, pending: 0, sent: 0, failed: 0, deadLettered: 0 };
      route[field] = value;
      routes.set(key, route);
    }
  };
  add(pending, 'pending');
  add(sent, 'sent');
  add(failed, 'failed');
  add(deadLettered, 'deadLettered');
  return [...routes.values()].sort((a, b) => `${a.source}>${a.destination}`.localeCompare(`${b.source}>${b.destination}`));
}

function toCallLatency({ labels, ...latency }: LatencyReading): CallLatency {
  return { callee: labels.callee, method: labels.method, mode: labels.mode, ...latency };
}
