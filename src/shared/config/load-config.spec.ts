import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

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
    [{ CORS_ORIGINS: 'https://shop.example.com/app' }, /CORS_ORIGINS entry "https:\/\/shop.example.com\/app" is not an origin/],
  ])('refuses %j with a message that says how to fix it', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never repeats a password it was given in a URL', () => {
    expect(() => loadConfig({ TRANSPORT: 'nats', BROKER_URL: 'amqp://user:secret@host' })).toThrow(/amqp:\/\/\*\*\*@host/);
  });
});
