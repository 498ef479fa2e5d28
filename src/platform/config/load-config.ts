import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isShippedExampleSecret } from '../security/shipped-example-secrets';
import { AppConfig, HostPort, LOG_FORMATS, LogFormat, SAGA_STYLES, SagaStyleName, TcpTls, TRANSPORTS, TransportName } from '../../module-kit/config/app-config';
import { ConfigError } from './config-error';
import { ModuleName } from '../../module-kit/config/module-name';
import { redact } from './redact';
import { parseTrustProxy } from './trust-proxy';

type Env = Record<string, string | undefined>;

/** A module the app's catalog knows, as configuration needs it. */
export interface KnownModule {
  name: ModuleName;
  /** Where it answers over TCP unless `<NAME>_TCP` says otherwise. */
  defaultTcpPort: number;
}
const DEFAULT_BROKER_URLS: Record<TransportName, string> = {
  tcp: '',
  nats: 'nats://127.0.0.1:4222',
  rabbitmq: 'amqp://guest:guest@127.0.0.1:5672',
  redis: 'redis://127.0.0.1:6379',
};
const BROKER_PROTOCOLS: Record<TransportName, string[]> = {
  tcp: [],
  nats: ['nats:', 'tls:'],
  rabbitmq: ['amqp:', 'amqps:'],
  redis: ['redis:', 'rediss:'],
};

/**
 * A loader for the modules `known` (the app's catalog, in its order): reads the environment once and returns a
 * validated AppConfig, or throws a ConfigError whose message says what is wrong and how to fix it. `terminal`:
 * whether standard output is a terminal (logs default to readable lines there, to JSON elsewhere).
 */
export function configLoader(known: readonly KnownModule[]): (env?: Env, terminal?: boolean) => AppConfig {
  return (env = process.env, terminal = Boolean(process.stdout.isTTY)) => loadConfig(known, env, terminal);
}

function loadConfig(known: readonly KnownModule[], env: Env, terminal: boolean): AppConfig {
  const transport = parseTransport(env.TRANSPORT);
  const knownNames = known.map((m) => m.name);
  const modules = parseModules(knownNames, env.MODULES);
  return new AppConfig({
    modules,
    knownModules: knownNames,
    transport,
    brokerUrl: parseBrokerUrl(transport, env.BROKER_URL),
    transportNamespace: parseNamespace(env.TRANSPORT_NAMESPACE),
    tcpAddresses: parseTcpAddresses(known, env),
    tcpTls: parseTcpTls(env),
    httpPort: parsePort('HTTP_PORT', env.HTTP_PORT, 3000),
    databaseUrls: parseDatabaseUrls(knownNames, env),
    dataDir: resolve(env.DATA_DIR?.trim() || './.data'),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    logFormat: parseLogFormat(env.LOG_FORMAT, terminal),
    corsOrigins: parseCorsOrigins(env.CORS_ORIGINS),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    production: env.NODE_ENV === 'production',
    jwtSecret: parseJwtSecret(env),
    outboxSweepMs: parseInteger('OUTBOX_SWEEP_MS', env.OUTBOX_SWEEP_MS, 1000, 10, 600_000),
    deliveryMaxAttempts: parseInteger('DELIVERY_MAX_ATTEMPTS', env.DELIVERY_MAX_ATTEMPTS, 10, 1, 1000),
    relayConcurrency: parseInteger('RELAY_CONCURRENCY', env.RELAY_CONCURRENCY, 4, 1, 256),
    backlog: {
      maxAgeMs: parseInteger('BACKLOG_MAX_AGE_MS', env.BACKLOG_MAX_AGE_MS, 0, 0, 3_600_000),
      maxMessages: parseOptionalInteger('BACKLOG_LIMIT', env.BACKLOG_LIMIT, 1, 10_000_000),
    },
    retentionHours: parseInteger('RETENTION_HOURS', env.RETENTION_HOURS, 168, 0, 87_600),
    remoteCallTimeoutMs: parseInteger('REMOTE_CALL_TIMEOUT_MS', env.REMOTE_CALL_TIMEOUT_MS, 1500, 50, 60_000),
    remoteCalls: {
      breakerFailures: parseInteger('REMOTE_BREAKER_FAILURES', env.REMOTE_BREAKER_FAILURES, 5, 1, 1000),
      breakerHalfOpenMs: parseInteger('REMOTE_BREAKER_HALF_OPEN_MS', env.REMOTE_BREAKER_HALF_OPEN_MS, 5000, 100, 600_000),
      maxConcurrent: parseInteger('REMOTE_MAX_CONCURRENT', env.REMOTE_MAX_CONCURRENT, 50, 1, 10_000),
      maxQueued: parseInteger('REMOTE_MAX_QUEUED', env.REMOTE_MAX_QUEUED, 20, 0, 10_000),
    },
    rateLimitPerMinute: parseInteger('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, 6000, 0, 10_000_000),
    databaseConnectTimeoutMs: parseInteger('DATABASE_CONNECT_TIMEOUT_MS', env.DATABASE_CONNECT_TIMEOUT_MS, 300_000, 0, 86_400_000),
    brokerConnectTimeoutMs: parseInteger('BROKER_CONNECT_TIMEOUT_MS', env.BROKER_CONNECT_TIMEOUT_MS, 300_000, 0, 86_400_000),
    saga: parseSagaStyle(env.SAGA),
    paymentTimeoutMs: parseInteger('PAYMENT_TIMEOUT_MS', env.PAYMENT_TIMEOUT_MS, 120_000, 100, 86_400_000),
    otlpEndpoint: parseOtlpEndpoint(env.OTEL_EXPORTER_OTLP_ENDPOINT),
    serviceName: env.OTEL_SERVICE_NAME?.trim() || `shop-${modules.join('+')}`,
  } as AppConfig);
}

function parseJwtSecret(env: Env): string | undefined {
  let secret = env.JWT_SECRET?.trim();
  const file = env.JWT_SECRET_FILE?.trim();
  if (!secret && file) {
    try {
      secret = readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new ConfigError(`JWT_SECRET_FILE ${file} cannot be read (${(error as NodeJS.ErrnoException).code}): point it at a file holding the secret.`);
    }
    if (!secret) throw new ConfigError(`JWT_SECRET_FILE ${file} is empty: put the secret in it.`);
  }
  if (secret && secret.length < 32) throw new ConfigError('The JWT secret is shorter than 32 characters: use a long random one (e.g. openssl rand -base64 48).');
  // Development may use it (SecurityModule warns); production must not, whoever read the repository could sign admin tokens.
  if (secret && env.NODE_ENV === 'production' && isShippedExampleSecret(secret)) {
    const fix = env.JWT_SECRET?.trim()
      ? 'JWT_SECRET is an example secret shipped in this repository, with which anyone can sign admin tokens: with NODE_ENV=production set a secret of your own, e.g. JWT_SECRET="$(openssl rand -base64 48)".'
      : `JWT_SECRET_FILE ${file} holds an example secret shipped in this repository, with which anyone can sign admin tokens: with NODE_ENV=production put a secret of your own in it, e.g. openssl rand -base64 48 > ${file}.`;
    throw new ConfigError(fix);
  }
  if (!secret && env.NODE_ENV === 'production') {
    throw new ConfigError('NODE_ENV=production needs JWT_SECRET or JWT_SECRET_FILE: a production process never makes up its own secret.');
  }
  return secret || undefined;
}

function parseOtlpEndpoint(raw: string | undefined): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ConfigError(`OTEL_EXPORTER_OTLP_ENDPOINT "${redact(value)}" is not an http(s) URL: use the collector's OTLP/HTTP address, e.g. http://127.0.0.1:4318.`);
  }
  return value;
}

function parseCorsOrigins(raw: string | undefined): string[] {
  const origins = (raw ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
  for (const origin of origins) {
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (!url || url.origin !== origin) throw new ConfigError(`CORS_ORIGINS entry "${origin}" is not an origin: use e.g. https://shop.example.com (scheme, host, port; no path).`);
  }
  return origins;
}

function parseModules(known: ModuleName[], raw: string | undefined): ModuleName[] {
  if (raw === undefined || raw.trim() === '') return [...known];
  const names = raw.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new ConfigError(
      `MODULES names unknown module(s) ${unknown.map((n) => `"${n}"`).join(', ')}: use a comma list of ${known.join(', ')} (or leave it unset for all of them).`,
    );
  }
  if (names.length === 0) throw new ConfigError(`MODULES is empty: name at least one of ${known.join(', ')}.`);
  return known.filter((name) => names.includes(name));
}

function parseTransport(raw: string | undefined): TransportName {
  const value = (raw?.trim() || 'tcp').toLowerCase();
  if (!(TRANSPORTS as readonly string[]).includes(value)) {
    throw new ConfigError(`TRANSPORT "${raw}" is not supported: use one of ${TRANSPORTS.join(', ')}.`);
  }
  return value as TransportName;
}

function parseSagaStyle(raw: string | undefined): SagaStyleName {
  const value = (raw?.trim() || 'choreography').toLowerCase();
  if (!(SAGA_STYLES as readonly string[]).includes(value)) {
    throw new ConfigError(`SAGA "${raw}" is unknown: use choreography (orders and payments react to each other's messages) or orchestration (a process manager in orders drives each order).`);
  }
  return value as SagaStyleName;
}

function parseBrokerUrl(transport: TransportName, raw: string | undefined): string {
  if (transport === 'tcp') return '';
  const value = raw?.trim() || DEFAULT_BROKER_URLS[transport];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`BROKER_URL "${value}" is not a valid URL: use e.g. ${DEFAULT_BROKER_URLS[transport]}.`);
  }
  if (!BROKER_PROTOCOLS[transport].includes(url.protocol)) {
    throw new ConfigError(
      `BROKER_URL "${redact(value)}" does not fit TRANSPORT=${transport}: it must start with ${BROKER_PROTOCOLS[transport].map((p) => `${p}//`).join(' or ')}.`,
    );
  }
  return value;
}

function parseNamespace(raw: string | undefined): string {
  const value = raw?.trim() || 'shop';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) {
    throw new ConfigError(`TRANSPORT_NAMESPACE "${raw}" must be 1 to 64 letters, digits, _ or -.`);
  }
  return value;
}

function parseTcpAddresses(known: readonly KnownModule[], env: Env): Record<ModuleName, HostPort> {
  const result = {} as Record<ModuleName, HostPort>;
  for (const { name, defaultTcpPort } of known) {
    const key = `${name.toUpperCase()}_TCP`;
    const raw = env[key]?.trim() || `127.0.0.1:${defaultTcpPort}`;
    const match = /^(.+):(\d{1,5})$/.exec(raw);
    const port = match ? Number(match[2]) : NaN;
    if (!match || port < 1 || port > 65535) {
      throw new ConfigError(`${key} "${raw}" is not host:port: use e.g. 127.0.0.1:${defaultTcpPort}.`);
    }
    result[name] = { host: match[1], port };
  }
  // Two modules on one address would send one module's calls to the other.
  for (const [i, { name: a }] of known.entries()) {
    for (const { name: b } of known.slice(i + 1)) {
      if (result[a].host === result[b].host && result[a].port === result[b].port) {
        throw new ConfigError(`${a.toUpperCase()}_TCP and ${b.toUpperCase()}_TCP are both ${result[a].host}:${result[a].port}: give each module its own port.`);
      }
    }
  }
  return result;
}

const TCP_TLS_KEYS = ['TCP_TLS_CERT', 'TCP_TLS_KEY', 'TCP_TLS_CA'] as const;
function parseTcpTls(env: Env): TcpTls | undefined {
  const set = TCP_TLS_KEYS.filter((key) => env[key]?.trim());
  if (set.length === 0) return undefined;
  // Half a TLS setup would either fail every call or, worse, quietly talk in the clear.
  if (set.length < TCP_TLS_KEYS.length) {
    throw new ConfigError(`${TCP_TLS_KEYS.join(', ')} go together: set all three or none (missing ${TCP_TLS_KEYS.filter((key) => !set.includes(key)).join(', ')}).`);
  }
  const [cert, key, ca] = TCP_TLS_KEYS.map((name) => readPemFile(name, env[name]!.trim()));
  return { cert, key, ca };
}

function readPemFile(key: string, file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${key} ${file} cannot be read (${(error as NodeJS.ErrnoException).code}): point it at a PEM file.`);
  }
  if (!text.includes('-----BEGIN ')) throw new ConfigError(`${key} ${file} holds no PEM block: point it at a PEM file.`);
  return text;
}

function parseDatabaseUrls(known: ModuleName[], env: Env): Record<ModuleName, string | undefined> {
  const result = {} as Record<ModuleName, string | undefined>;
  for (const name of known) {
    const key = `${name.toUpperCase()}_DATABASE_URL`;
    const own = env[key]?.trim();
    const shared = env.DATABASE_URL?.trim();
    const value = own || shared || undefined;
    if (value !== undefined) assertPostgresUrl(own ? key : 'DATABASE_URL', value);
    result[name] = value;
  }
  return result;
}

function assertPostgresUrl(key: string, value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${key} is not a valid URL: use e.g. postgres://user:password@127.0.0.1:5432/shop.`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`${key} must be a postgres:// URL (got ${url.protocol}//...); unset it to use the embedded database.`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
function parseLogLevel(raw: string | undefined): string {
  const value = (raw?.trim() || 'info').toLowerCase();
  if (!LOG_LEVELS.includes(value)) throw new ConfigError(`LOG_LEVEL "${raw}" is unknown: use one of ${LOG_LEVELS.join(', ')}.`);
  return value;
}

function parseLogFormat(raw: string | undefined, terminal: boolean): LogFormat {
  const value = raw?.trim().toLowerCase();
  if (!value) return terminal ? 'pretty' : 'json';
  if (!(LOG_FORMATS as readonly string[]).includes(value)) throw new ConfigError(`LOG_FORMAT "${raw}" is unknown: use pretty (readable lines) or json (one JSON object a line).`);
  return value as LogFormat;
}

function parsePort(key: string, raw: string | undefined, fallback: number): number {
  return parseInteger(key, raw, fallback, 0, 65535);
}

/** Like parseInteger, but unset means undefined (no such bound): no number is a sensible default. */
function parseOptionalInteger(key: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${key} "${raw}" must be a whole number from ${min} to ${max}, or unset for none.`);
  }
  return value;
}

function parseInteger(key: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${key} "${raw}" must be a whole number from ${min} to ${max}.`);
  }
  return value;
}
