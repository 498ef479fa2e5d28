import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config-error';
import { loadConfig } from '../../../test/support/example-modules';

describe('loadConfig', () => {
  it('defaults to the monolith over TCP on the embedded database', () => {
    const config = loadConfig({});
    expect(config.modules).toEqual(['customers', 'orders', 'payments']);
    expect(config.transport).toBe('tcp');
    expect(config.httpPort).toBe(3000);
    expect(config.databaseUrls).toEqual({ customers: undefined, orders: undefined, payments: undefined });
    expect(config.tcpAddresses.payments).toEqual({ host: '127.0.0.1', port: 4103 });
  });

  it('hosts the modules named in MODULES, in a stable order, case and spaces aside', () => {
    expect(loadConfig({ MODULES: ' Payments , customers' }).modules).toEqual(['customers', 'payments']);
  });

  it('gives a module its own database when <MODULE>_DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://shared/db', PAYMENTS_DATABASE_URL: 'postgres://own/payments' });
    expect(config.databaseUrls).toEqual({ customers: 'postgres://shared/db', orders: 'postgres://shared/db', payments: 'postgres://own/payments' });
  });

  it('uses the usual local broker of the transport when BROKER_URL is unset', () => {
    expect(loadConfig({ TRANSPORT: 'nats' }).brokerUrl).toBe('nats://127.0.0.1:4222');
    expect(loadConfig({ TRANSPORT: 'redis' }).brokerUrl).toBe('redis://127.0.0.1:6379');
  });

  it.each([
    [{ MODULES: 'customers,billing' }, /MODULES names unknown module\(s\) "billing": use a comma list of customers, orders, payments/],
    [{ MODULES: ' , ' }, /MODULES is empty/],
    [{ TRANSPORT: 'kafka' }, /TRANSPORT "kafka" is not supported: use one of tcp, nats, rabbitmq, redis/],
    [{ TRANSPORT: 'nats', BROKER_URL: 'amqp://localhost' }, /BROKER_URL .* does not fit TRANSPORT=nats: it must start with nats:\/\//],
    [{ TRANSPORT: 'rabbitmq', BROKER_URL: 'not a url' }, /BROKER_URL "not a url" is not a valid URL/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres:\/\/ URL/],
    [{ ORDERS_TCP: 'localhost' }, /ORDERS_TCP "localhost" is not host:port/],
    [{ ORDERS_TCP: '127.0.0.1:4101' }, /CUSTOMERS_TCP and ORDERS_TCP are both 127.0.0.1:4101: give each module its own port/],
    [{ HTTP_PORT: '70000' }, /HTTP_PORT "70000" must be a whole number from 0 to 65535/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL "loud" is unknown/],
    [{ LOG_FORMAT: 'xml' }, /LOG_FORMAT "xml" is unknown: use pretty .* or json/],
    [{ CORS_ORIGINS: 'https://shop.example.com/app' }, /CORS_ORIGINS entry "https:\/\/shop.example.com\/app" is not an origin/],
  ])('refuses %j with a message that says how to fix it', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('writes readable log lines to a terminal and JSON elsewhere, unless LOG_FORMAT says otherwise', () => {
    expect(loadConfig({}, true).logFormat).toBe('pretty');
    expect(loadConfig({}, false).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'json' }, true).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'Pretty' }, false).logFormat).toBe('pretty');
  });

  it('never repeats a password it was given in a URL', () => {
    expect(() => loadConfig({ TRANSPORT: 'nats', BROKER_URL: 'amqp://user:secret@host' })).toThrow(/amqp:\/\/\*\*\*@host/);
  });

  describe('TCP_TLS_CERT, TCP_TLS_KEY, TCP_TLS_CA', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tls-config-'));
    const pem = (name: string) => {
      const file = join(dir, name);
      writeFileSync(file, `-----BEGIN ${name}-----\nAAAA\n-----END ${name}-----\n`);
      return file;
    };
    const notPem = join(dir, 'not.pem');
    writeFileSync(notPem, 'just text');
    const files = { TCP_TLS_CERT: pem('CERTIFICATE'), TCP_TLS_KEY: pem('PRIVATE KEY'), TCP_TLS_CA: pem('CA') };

    it('leaves TCP in the clear when none is set', () => {
      expect(loadConfig({}).tcpTls).toBeUndefined();
    });

    it('reads the three PEM files when all are set', () => {
      const tls = loadConfig(files).tcpTls;
      expect(tls?.cert).toContain('BEGIN CERTIFICATE');
      expect(tls?.key).toContain('BEGIN PRIVATE KEY');
      expect(tls?.ca).toContain('BEGIN CA');
    });

    it.each([
      [{ TCP_TLS_CERT: files.TCP_TLS_CERT }, /^TCP_TLS_CERT, TCP_TLS_KEY, TCP_TLS_CA go together: set all three or none \(missing TCP_TLS_KEY, TCP_TLS_CA\)\.$/],
      [{ ...files, TCP_TLS_CA: join(dir, 'absent.pem') }, /^TCP_TLS_CA .*absent\.pem cannot be read \(ENOENT\): point it at a PEM file\.$/],
      [{ ...files, TCP_TLS_KEY: notPem }, /^TCP_TLS_KEY .* holds no PEM block: point it at a PEM file\.$/],
    ])('refuses %j in one line', (env, message) => {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(message);
    });
  });

  describe('resilience settings', () => {
    it('has defaults that no test or ordinary client reaches', () => {
      const config = loadConfig({});
      expect(config.remoteCalls).toEqual({ breakerFailures: 5, breakerHalfOpenMs: 5000, maxConcurrent: 50, maxQueued: 20 });
      expect(config.rateLimitPerMinute).toBe(6000);
      expect(config.databaseConnectTimeoutMs).toBe(300_000);
      expect(config.brokerConnectTimeoutMs).toBe(300_000);
      expect(config.retentionHours).toBe(168);
      expect(config.deliveryMaxAttempts).toBe(10);
      expect(config.relayConcurrency).toBe(4);
      expect(config.backlog).toEqual({ maxAgeMs: 0, maxMessages: undefined });
    });

    it('reads each of them, 0 turning rate limiting off', () => {
      const config = loadConfig({
        REMOTE_BREAKER_FAILURES: '3',
        REMOTE_BREAKER_HALF_OPEN_MS: '2000',
        REMOTE_MAX_CONCURRENT: '8',
        REMOTE_MAX_QUEUED: '0',
        RATE_LIMIT_PER_MINUTE: '0',
        DATABASE_CONNECT_TIMEOUT_MS: '1000',
        BROKER_CONNECT_TIMEOUT_MS: '2000',
        RETENTION_HOURS: '0',
        DELIVERY_MAX_ATTEMPTS: '3',
        RELAY_CONCURRENCY: '2',
        BACKLOG_MAX_AGE_MS: '1000',
        BACKLOG_LIMIT: '500',
      });
      expect(config.backlog).toEqual({ maxAgeMs: 1000, maxMessages: 500 });
      expect(config.deliveryMaxAttempts).toBe(3);
      expect(config.relayConcurrency).toBe(2);
      expect(config.remoteCalls).toEqual({ breakerFailures: 3, breakerHalfOpenMs: 2000, maxConcurrent: 8, maxQueued: 0 });
      expect(config.rateLimitPerMinute).toBe(0);
      expect(config.databaseConnectTimeoutMs).toBe(1000);
      expect(config.brokerConnectTimeoutMs).toBe(2000);
      expect(config.retentionHours).toBe(0);
    });

    it.each([
      [{ REMOTE_BREAKER_FAILURES: '0' }, /^REMOTE_BREAKER_FAILURES "0" must be a whole number from 1 to 1000\.$/],
      [{ REMOTE_BREAKER_HALF_OPEN_MS: 'soon' }, /^REMOTE_BREAKER_HALF_OPEN_MS "soon" must be a whole number/],
      [{ REMOTE_MAX_CONCURRENT: '0' }, /^REMOTE_MAX_CONCURRENT "0" must be a whole number from 1/],
      [{ REMOTE_MAX_QUEUED: '-1' }, /^REMOTE_MAX_QUEUED "-1" must be a whole number from 0/],
      [{ RATE_LIMIT_PER_MINUTE: '1.5' }, /^RATE_LIMIT_PER_MINUTE "1.5" must be a whole number from 0/],
      [{ DATABASE_CONNECT_TIMEOUT_MS: '-5' }, /^DATABASE_CONNECT_TIMEOUT_MS "-5" must be a whole number from 0/],
      [{ BROKER_CONNECT_TIMEOUT_MS: 'never' }, /^BROKER_CONNECT_TIMEOUT_MS "never" must be a whole number from 0/],
      [{ RETENTION_HOURS: '1 week' }, /^RETENTION_HOURS "1 week" must be a whole number from 0 to 87600/],
      [{ DELIVERY_MAX_ATTEMPTS: '0' }, /^DELIVERY_MAX_ATTEMPTS "0" must be a whole number from 1 to 1000\.$/],
      [{ RELAY_CONCURRENCY: 'many' }, /^RELAY_CONCURRENCY "many" must be a whole number from 1 to 256\.$/],
      [{ BACKLOG_MAX_AGE_MS: '0.5s' }, /^BACKLOG_MAX_AGE_MS "0.5s" must be a whole number from 0 to 3600000\.$/],
      [{ BACKLOG_LIMIT: '0' }, /^BACKLOG_LIMIT "0" must be a whole number from 1 to 10000000, or unset for none\.$/],
    ])('refuses %j in one line', (env, message) => {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(message);
    });
  });

  describe('SAGA and PAYMENT_TIMEOUT_MS', () => {
    it('runs the saga as choreography, and gives a payment two minutes, by default', () => {
      expect(loadConfig({}).saga).toBe('choreography');
      expect(loadConfig({}).paymentTimeoutMs).toBe(120_000);
    });

    it('reads both, the style in any case', () => {
      const config = loadConfig({ SAGA: ' Orchestration ', PAYMENT_TIMEOUT_MS: '1500' });
      expect(config.saga).toBe('orchestration');
      expect(config.paymentTimeoutMs).toBe(1500);
    });

    it.each([
      [{ SAGA: 'orchestrated' }, /^SAGA "orchestrated" is unknown: use choreography \(.*\) or orchestration \(.*\)\.$/],
      [{ PAYMENT_TIMEOUT_MS: '30s' }, /^PAYMENT_TIMEOUT_MS "30s" must be a whole number from 100 to 86400000\.$/],
      [{ PAYMENT_TIMEOUT_MS: '0' }, /^PAYMENT_TIMEOUT_MS "0" must be a whole number from 100/],
    ])('refuses %j in one line', (env, message) => {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(message);
    });
  });

  describe('OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_SERVICE_NAME', () => {
    it('exports nothing and names the service after the hosted modules by default', () => {
      expect(loadConfig({}).otlpEndpoint).toBeUndefined();
      expect(loadConfig({}).serviceName).toBe('shop-customers+orders+payments');
      expect(loadConfig({ MODULES: 'payments,orders' }).serviceName).toBe('shop-orders+payments');
    });

    it('reads both', () => {
      const config = loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SERVICE_NAME: 'shop-eu' });
      expect(config.otlpEndpoint).toBe('http://collector:4318');
      expect(config.serviceName).toBe('shop-eu');
    });

    it('refuses an endpoint that is not an http(s) URL, in one line', () => {
      expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(ConfigError);
      expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://collector:4317' })).toThrow(/^OTEL_EXPORTER_OTLP_ENDPOINT "grpc:\/\/collector:4317" is not an http\(s\) URL/);
    });
  });
});
