import { AppConfig } from '../module-kit/config/app-config';
import { ModuleName } from '../module-kit/config/module-name';
import { MessageTap } from '../platform/messaging/message-tap';
import { RecentMessages } from '../platform/messaging/recent-messages';
import { Metrics } from '../platform/observability/metrics';
import { ProcessReporter } from '../platform/observability/process-report';
import { latencyBy, maxBy, samplesOf, sumBy } from './metric-readings';

/** A process's metrics and the report it gives of them, as the dashboard receives it. */
function processWith(modules: ModuleName[]) {
  const metrics = new Metrics();
  const reporter = new ProcessReporter({ modules } as AppConfig, metrics, new RecentMessages(new MessageTap()));
  const report = () => reporter.report({ metrics: ['module_call_duration_seconds', 'outbox_messages_sent_total', 'outbox_pending_messages'] });
  return { metrics, report };
}

// Two processes of one shop: orders (which also runs a replica of payments' outbox relay reading the same
// table, as overlapping hosts do) and payments.
describe('metric readings across processes', () => {
  it('adds counters up, takes the largest of a gauge two processes read from one table, and combines histograms', async () => {
    const orders = processWith(['orders']);
    const payments = processWith(['payments']);
    for (const seconds of [0.004, 0.006]) orders.metrics.moduleCalls.observe({ caller: 'http', callee: 'payments', method: 'getAccount', mode: 'remote', outcome: 'ok' }, seconds);
    for (const seconds of [0.0002, 0.0002, 0.0002]) payments.metrics.moduleCalls.observe({ caller: 'transport', callee: 'payments', method: 'getAccount', mode: 'local', outcome: 'ok' }, seconds);
    payments.metrics.moduleCalls.observe({ caller: 'http', callee: 'payments', method: 'getAccount', mode: 'local', outcome: 'ok' }, 0.0003);
    orders.metrics.outboxMessagesSent.inc({ source: 'orders', destination: 'payments' }, 2);
    payments.metrics.outboxMessagesSent.inc({ source: 'orders', destination: 'payments' }, 1);
    for (const process of [orders, payments]) process.metrics.addOutboxBacklog('orders', async () => new Map([['payments', 3]]));

    const reports = [await orders.report(), await payments.report()];

    expect(sumBy(samplesOf(reports, 'outbox_messages_sent_total'), ['source', 'destination'])).toEqual([{ labels: { source: 'orders', destination: 'payments' }, value: 3 }]);
    expect(maxBy(samplesOf(reports, 'outbox_pending_messages'), ['source', 'destination'])).toEqual([{ labels: { source: 'orders', destination: 'payments' }, value: 3 }]);
    const latency = latencyBy(samplesOf(reports, 'module_call_duration_seconds'), ['callee', 'method', 'mode']);
    // Buckets 2.5, 5 and 10 ms: the two remote calls fall in (2.5, 5] and (5, 10]; interpolated as histogram_quantile does.
    expect(latency).toContainEqual({ labels: { callee: 'payments', method: 'getAccount', mode: 'remote' }, count: 2, meanMs: 5, p50Ms: 5, p95Ms: 9.5 });
    // Four local calls, all in (0.1, 0.5] ms: the callers (another process, or this one's HTTP API) taken together.
    expect(latency).toContainEqual({ labels: { callee: 'payments', method: 'getAccount', mode: 'local' }, count: 4, meanMs: 0.225, p50Ms: 0.3, p95Ms: 0.48 });
  });

  it('reads nothing from a report that left a metric out', () => {
    expect(samplesOf([{ metrics: [] }], 'outbox_pending_messages')).toEqual([]);
    expect(latencyBy([], ['callee'])).toEqual([]);
  });
});
