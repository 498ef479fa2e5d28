import { loadConfig } from '../../../test/support/example-modules';
import { Patterns } from './patterns';
import { RedisModuleServer } from './redis-module-server';
import { clientOptions, serverOptions } from './transport-options';

const patterns = new Patterns('shop');
const optionsOf = (value: object) => (value as { options: Record<string, unknown> }).options;

describe('transport options', () => {
  it('passes NATS credentials apart from the server list, which nats.js would strip them from', () => {
    const config = loadConfig({ TRANSPORT: 'nats', BROKER_URL: 'nats://shop:p%40ss@nats.internal:4222', MODULES: 'orders' });
    expect(optionsOf(clientOptions(config, 'payments', patterns))).toEqual({ servers: ['nats://nats.internal:4222'], user: 'shop', pass: 'p@ss' });
    expect(optionsOf(serverOptions(config, ['orders'], patterns)[0])).toMatchObject({ servers: ['nats://nats.internal:4222'], user: 'shop', pass: 'p@ss' });
  });

  it('takes a NATS URL with a user part only as a token, and tls:// as TLS required', () => {
    const config = loadConfig({ TRANSPORT: 'nats', BROKER_URL: 'tls://s3cret@nats.internal:4222' });
    expect(optionsOf(clientOptions(config, 'payments', patterns))).toEqual({ servers: ['tls://nats.internal:4222'], token: 's3cret', tls: {} });
  });

  it('leaves RabbitMQ credentials in the URL, which amqplib reads', () => {
    const config = loadConfig({ TRANSPORT: 'rabbitmq', BROKER_URL: 'amqps://shop:s3cret@mq.internal:5671' });
    expect(optionsOf(clientOptions(config, 'payments', patterns)).urls).toEqual(['amqps://shop:s3cret@mq.internal:5671']);
  });

  it('passes Redis user and password apart, and TLS for rediss://', () => {
    const config = loadConfig({ TRANSPORT: 'redis', BROKER_URL: 'rediss://shop:s3cret@redis.internal:6380' });
    expect(optionsOf(clientOptions(config, 'payments', patterns))).toMatchObject({ host: 'redis.internal', port: 6380, username: 'shop', password: 's3cret', tls: {} });
  });

  it('serves Redis through the server that lets one replica claim each request', () => {
    const config = loadConfig({ TRANSPORT: 'redis', MODULES: 'payments' });
    const [server] = serverOptions(config, ['payments'], patterns);
    expect((server as { strategy?: unknown }).strategy).toBeInstanceOf(RedisModuleServer);
  });

  it('speaks plain TCP between modules unless TLS is configured', () => {
    const config = loadConfig({ MODULES: 'orders' });
    expect(optionsOf(clientOptions(config, 'payments', patterns)).tlsOptions).toBeUndefined();
    expect(optionsOf(serverOptions(config, ['orders'], patterns)[0]).tlsOptions).toBeUndefined();
  });
});
