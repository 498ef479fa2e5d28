import { ModuleName } from './module-name';

export const TRANSPORTS = ['tcp', 'nats', 'rabbitmq', 'redis'] as const;
export type TransportName = (typeof TRANSPORTS)[number];

/** How the order saga is run: each module reacting to the others' messages, or a process manager in orders. */
export const SAGA_STYLES = ['choreography', 'orchestration'] as const;
export type SagaStyleName = (typeof SAGA_STYLES)[number];

export interface HostPort {
  host: string;
  port: number;
}

/** PEM contents of this process's certificate and key, and of the CA that signs every module's certificate. */
export interface TcpTls {
  cert: string;
  key: string;
  ca: string;
}

/**
 * Express's `trust proxy`: false trusts no peer; a number trusts that many hops in front of the app; a list
 * trusts peers with those addresses, ranges or names (loopback, linklocal, uniquelocal).
 */
export type TrustProxy = false | number | string[];

/** The circuit breaker and bulkhead kept per remote module. */
export interface RemoteCallLimits {
  /** Consecutive failures that open the breaker. */
  breakerFailures: number;
  /** How long an open breaker refuses calls before it lets one probe through. */
  breakerHalfOpenMs: number;
  /** Calls in flight at once to one module; more wait in a queue of `maxQueued`, beyond that they are refused. */
  maxConcurrent: number;
  maxQueued: number;
}

/**
 * When a module refuses new work (503 OVERLOADED) because its outbox is behind: see
 * src/module-kit/messaging/backlog-bound.ts. Each bound off at 0 (age) or undefined (count).
 */
export interface BacklogLimits {
  /** Age of the oldest message waiting in the module's outbox for one destination, in milliseconds; 0: no age bound. */
  maxAgeMs: number;
  /** Messages waiting in the module's outbox for one destination; undefined: no count bound. */
  maxMessages: number | undefined;
}

/**
 * Everything a process needs to know about its deployment, parsed and validated once at start-up
 * (src/platform/config/load-config.ts) and injected everywhere else; a module may inject it to read its settings.
 * Nothing outside src/platform/config/ reads process.env.
 */
export const LOG_FORMATS = ['pretty', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export class AppConfig {
  /** The modules this process hosts; the others are reached over `transport`. */
  readonly modules!: ModuleName[];
  /** Every module the app knows, hosted here or not, in the order of its catalog. */
  readonly knownModules!: ModuleName[];
  readonly transport!: TransportName;
  readonly brokerUrl!: string;
  /** Prefix of every subject, queue and channel, so that several deployments can share one broker. */
  readonly transportNamespace!: string;
  /** Where each module's TCP server listens (in its host) and is dialled (everywhere else). */
  readonly tcpAddresses!: Record<ModuleName, HostPort>;
  /** When set, module-to-module TCP runs over TLS and each side must show a certificate signed by `ca`. */
  readonly tcpTls!: TcpTls | undefined;
  readonly httpPort!: number;
  /** Per module: a PostgreSQL URL, or undefined for the embedded PostgreSQL kept under dataDir. */
  readonly databaseUrls!: Record<ModuleName, string | undefined>;
  readonly dataDir!: string;
  readonly logLevel!: string;
  /** `pretty`: one readable line per entry, for a person at a terminal; `json`: one JSON object per line, for a collector. */
  readonly logFormat!: LogFormat;
  /** Origins allowed to call the API from a browser; empty: CORS stays closed. */
  readonly corsOrigins!: string[];
  /** Which peers may say who the client is (X-Forwarded-For): what the rate limit and the request log key on. */
  readonly trustProxy!: TrustProxy;
  readonly production!: boolean;
  /** From JWT_SECRET or the file named by JWT_SECRET_FILE; undefined: generate one (never in production). */
  readonly jwtSecret!: string | undefined;
  /** How often the outbox sweep looks for messages a crash or an outage left behind. */
  readonly outboxSweepMs!: number;
  /** How many times a message's handler may fail before the message is dead-lettered. */
  readonly deliveryMaxAttempts!: number;
  /** How many ordering keys an outbox relay delivers at once (one message of each in flight). */
  readonly relayConcurrency!: number;
  /** Past these, a module that is asked for new work sheds it instead of queueing it. */
  readonly backlog!: BacklogLimits;
  /** How long delivered outbox rows, inbox records and Idempotency-Keys are kept; 0: for ever. */
  readonly retentionHours!: number;
  /** Upper bound for any call to a module in another process. */
  readonly remoteCallTimeoutMs!: number;
  /** How calls to one remote module are contained: see src/platform/resilience/remote-call-policy.ts. */
  readonly remoteCalls!: RemoteCallLimits;
  /** Requests per minute one client address may send to the API; 0: no limit. */
  readonly rateLimitPerMinute!: number;
  /** How long start-up keeps trying to reach a PostgreSQL server that refuses connections. */
  readonly databaseConnectTimeoutMs!: number;
  /** How long start-up keeps trying to reach a nats, rabbitmq or redis broker that refuses connections. */
  readonly brokerConnectTimeoutMs!: number;
  /** How the orders module runs the saga of the orders it accepts from now on (those in flight keep theirs). */
  readonly saga!: SagaStyleName;
  /** How long an order waits for payments' answer before it is cancelled (PAYMENT_TIMEOUT). */
  readonly paymentTimeoutMs!: number;
  /** OTLP/HTTP base URL spans are exported to (…/v1/traces is added); undefined: spans stay in memory only. */
  readonly otlpEndpoint!: string | undefined;
  /** The service.name of this process's spans. */
  readonly serviceName!: string;

  constructor(values: AppConfig) {
    Object.assign(this, values);
  }

  hosts(module: ModuleName): boolean {
    return this.modules.includes(module);
  }
}
