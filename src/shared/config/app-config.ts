import { ModuleName } from './module-name';

export const TRANSPORTS = ['tcp', 'nats', 'rabbitmq', 'redis'] as const;
export type TransportName = (typeof TRANSPORTS)[number];

export interface HostPort {
  host: string;
  port: number;
}

/**
 * Everything a process needs to know about its deployment, parsed and validated once at start-up
 * (see load-config.ts) and injected everywhere else. Nothing outside this folder reads process.env.
 */
export class AppConfig {
  /** The modules this process hosts; the others are reached over `transport`. */
  readonly modules!: ModuleName[];
  readonly transport!: TransportName;
  readonly brokerUrl!: string;
  /** Prefix of every subject, queue and channel, so that several deployments can share one broker. */
  readonly transportNamespace!: string;
  /** Where each module's TCP server listens (in its host) and is dialled (everywhere else). */
  readonly tcpAddresses!: Record<ModuleName, HostPort>;
  readonly httpPort!: number;
  /** Per module: a PostgreSQL URL, or undefined for the embedded PostgreSQL kept under dataDir. */
  readonly databaseUrls!: Record<ModuleName, string | undefined>;
  readonly dataDir!: string;
  readonly logLevel!: string;
  /** Origins allowed to call the API from a browser; empty: CORS stays closed. */
  readonly corsOrigins!: string[];
  readonly production!: boolean;
  /** From JWT_SECRET or the file named by JWT_SECRET_FILE; undefined: generate one (never in production). */
  readonly jwtSecret!: string | undefined;
  /** How often the outbox sweep looks for messages a crash or an outage left behind. */
  readonly outboxSweepMs!: number;
  /** Upper bound for any call to a module in another process. */
  readonly remoteCallTimeoutMs!: number;

  constructor(values: AppConfig) {
    Object.assign(this, values);
  }

  hosts(module: ModuleName): boolean {
    return this.modules.includes(module);
  }
}
