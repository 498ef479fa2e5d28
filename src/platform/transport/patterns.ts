import { ModuleName } from '../../module-kit/config/module-name';

/**
 * The message patterns a module answers on when it lives in another process. Every port method travels
 * through one pattern, so extracting a module adds no per-method wiring. The namespace keeps several
 * deployments (staging and production, or parallel test runs) apart on one broker.
 */
export class Patterns {
  constructor(private readonly namespace: string) {}

  /** A port method call: `{ method, args }`, answered with the method's result. */
  call(module: ModuleName): string {
    return `${this.namespace}.${module}.call`;
  }

  /** An outbox row for this module's inbox, answered once it is handled. */
  inbox(module: ModuleName): string {
    return `${this.namespace}.${module}.inbox`;
  }

  /** Liveness of a module's host, for readiness checks. */
  ping(module: ModuleName): string {
    return `${this.namespace}.${module}.ping`;
  }

  /** The recent spans of one trace kept by a module's host (see TraceCollector). */
  spans(module: ModuleName): string {
    return `${this.namespace}.${module}.spans`;
  }

  /** What the process hosting a module reports of itself (see ProcessReporter), for the dashboard of any process. */
  report(module: ModuleName): string {
    return `${this.namespace}.${module}.report`;
  }

  /** A page of the messages a module's outbox gave up on (see DeadLetterStore), for the admin API of any process. */
  deadLetterList(module: ModuleName): string {
    return `${this.namespace}.${module}.dead-letters.list`;
  }

  /** Puts one of a module's dead letters back into its outbox, for the admin API of any process. */
  deadLetterReplay(module: ModuleName): string {
    return `${this.namespace}.${module}.dead-letters.replay`;
  }

  /** The RabbitMQ queue where refused messages (malformed, unknown, unreadable) are kept for a person to look at. */
  deadLetters(): string {
    return `${this.namespace}.dead-letters`;
  }

  /** The Redis key by which one replica of a module claims a request (packet `id`) for itself (see RedisModuleServer). */
  redisClaim(id: string): string {
    return `${this.namespace}:claim:${id}`;
  }

  /** The RabbitMQ queue, or NATS queue group, of the processes hosting these modules (one module: its replicas). */
  queue(modules: ModuleName[]): string {
    return `${this.namespace}.${modules.join('+')}`;
  }
}

export interface PortCall {
  method: string;
  args: unknown[];
  /** The caller's W3C trace context (`traceparent`), so the callee's span joins the caller's trace. */
  headers?: Record<string, string>;
}
