import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus metrics, in one registry: HTTP traffic per route, calls between modules
 * (local or remote), message delivery (lag, failures, backlog, dead letters) and the process itself.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route and status code',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly moduleCalls = new Histogram({
    name: 'module_call_duration_seconds',
    help: "Calls through a module's port, by calling module (or http, transport), callee, method, whether the callee is in this process (local) or not (remote), and outcome",
    labelNames: ['caller', 'callee', 'method', 'mode', 'outcome'],
    buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 2.5],
    registers: [this.registry],
  });

  readonly deliveryLag = new Histogram({
    name: 'message_delivery_lag_seconds',
    help: 'From the commit of a message to its acknowledged delivery, by source and destination module',
    labelNames: ['source', 'destination'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30, 120],
    registers: [this.registry],
  });

  readonly deliveryFailures = new Counter({
    name: 'message_delivery_failures_total',
    help: 'Deliveries that failed and will be retried, by source and destination module',
    labelNames: ['source', 'destination'],
    registers: [this.registry],
  });

  readonly handlerFailures = new Counter({
    name: 'message_handler_failures_total',
    help: 'Messages whose handler failed (the sender retries them), by module and message',
    labelNames: ['module', 'message'],
    registers: [this.registry],
  });

  readonly outboxMessagesSent = new Counter({
    name: 'outbox_messages_sent_total',
    help: 'Outbox messages this process delivered (the consumer acknowledged them), by source and destination module',
    labelNames: ['source', 'destination'],
    registers: [this.registry],
  });

  readonly messagesDeadLettered = new Counter({
    name: 'messages_dead_lettered_total',
    help: "Outbox messages this process set aside in the source module's dead_letters (attempts used up, or no handler), by source and destination module",
    labelNames: ['source', 'destination'],
    registers: [this.registry],
  });

  readonly inboxMessages = new Counter({
    name: 'inbox_messages_total',
    help: 'Messages a module received, by module and outcome: handled, or duplicate (handled before, acknowledged again)',
    labelNames: ['module', 'outcome'],
    registers: [this.registry],
  });

  readonly outboxRelayLeader = new Gauge({
    name: 'outbox_relay_leader',
    help: "1 when this process is the one replica that sends the module's outbox, else 0",
    labelNames: ['module'],
    registers: [this.registry],
  });

  readonly requestsShed = new Counter({
    name: 'requests_shed_total',
    help: "Requests for new work a module refused (503 OVERLOADED) because its outbox backlog was past its bound, by module",
    labelNames: ['module'],
    registers: [this.registry],
  });

  private readonly backlogSources = new Map<string, () => Promise<Map<string, number>>>();
  private readonly backlogAgeSources = new Map<string, () => Promise<Map<string, number>>>();
  private readonly deadLetterSources = new Map<string, () => Promise<number>>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // Gauges named like counters, which Prometheus's lint rejects; each is the sum of the same gauge
    // without `_total` (nodejs_active_handles and so on, by type), so nothing is lost.
    for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) this.registry.removeSingleMetric(name);
    perRouteGauge(this.registry, 'outbox_pending_messages', 'Messages written to an outbox and not yet delivered, by source and destination module', this.backlogSources);
    perRouteGauge(
      this.registry,
      'outbox_oldest_message_age_seconds',
      'Age of the oldest message waiting in an outbox to be sent (not counting those waiting to retry a failed handler), by source and destination module; 0 when none waits',
      this.backlogAgeSources,
    );
    const deadLetterSources = this.deadLetterSources;
    new Gauge({
      name: 'dead_letters',
      help: 'Messages a module gave up delivering after their attempts, waiting in its dead letters to be replayed, by producing module',
      labelNames: ['module'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [module, count] of deadLetterSources) {
          // A database that does not answer leaves the series out of this scrape rather than reporting 0.
          const n = await count().catch(() => undefined);
          if (n !== undefined) this.set({ module }, n);
        }
      },
    });
  }

  /** Reports a module's outbox backlog, per destination, at each scrape. */
  addOutboxBacklog(module: string, pending: () => Promise<Map<string, number>>): void {
    this.backlogSources.set(module, pending);
  }

  /** Reports the age in seconds of the oldest message waiting in a module's outbox, per destination, at each scrape. */
  addOutboxBacklogAge(module: string, ageSeconds: () => Promise<Map<string, number>>): void {
    this.backlogAgeSources.set(module, ageSeconds);
  }

  /** Reports how many dead letters a hosted module holds, at each scrape. */
  addDeadLetterCount(module: string, count: () => Promise<number>): void {
    this.deadLetterSources.set(module, count);
  }
}

/**
 * A gauge by source and destination module, read from each source at every scrape. A destination once seen
 * stays in the series at 0 when its value empties, rather than vanishing; a source that cannot be read is
 * left out of that scrape.
 */
function perRouteGauge(registry: Registry, name: string, help: string, sources: Map<string, () => Promise<Map<string, number>>>): void {
  const seen = new Map<string, Set<string>>();
  new Gauge({
    name,
    help,
    labelNames: ['source', 'destination'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [source, read] of sources) {
        const values = await read().catch(() => undefined);
        if (!values) continue;
        const destinations = seen.get(source) ?? new Set<string>();
        seen.set(source, destinations);
        for (const destination of values.keys()) destinations.add(destination);
        for (const destination of destinations) this.set({ source, destination }, values.get(destination) ?? 0);
      }
    },
  });
}
