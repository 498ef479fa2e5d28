import { ClientOptions, MicroserviceOptions, Transport } from '@nestjs/microservices';
import { AppConfig } from '../../module-kit/config/app-config';
import { ModuleName } from '../../module-kit/config/module-name';

import { Patterns } from './patterns';
import { RabbitMqModuleServer } from './rabbitmq-module-server';
import { RedisModuleServer } from './redis-module-server';

/**
 * The largest message a module's TCP server reads, in characters; a bigger one closes its connection (logged).
 * Nest's default is 128 Mi characters, enough for one caller to exhaust a module's memory. Real calls and
 * messages are far smaller: an HTTP body, their source, is at most 100 kB. NATS (1 MB by default) and RabbitMQ
 * bound message size at the broker.
 */
export const MAX_TCP_FRAME_CHARS = 1024 * 1024;

/** How this process dials a module hosted elsewhere. */
export function clientOptions(config: AppConfig, module: ModuleName, patterns: Patterns): ClientOptions {
  switch (config.transport) {
    case 'tcp':
      return { transport: Transport.TCP, options: { ...config.tcpAddresses[module], ...tcpClientTls(config) } };
    case 'nats':
      return { transport: Transport.NATS, options: natsOptions(config.brokerUrl) };
    case 'rabbitmq':
      return { transport: Transport.RMQ, options: { urls: [config.brokerUrl], queue: patterns.queue([module]), queueOptions: rmqQueueOptions(config), persistent: true } };
    case 'redis':
      return { transport: Transport.REDIS, options: redisOptions(config.brokerUrl) };
  }
}

/**
 * The servers through which this process answers for the modules it hosts. TCP and RabbitMQ address a
 * module (its port, its queue), so each hosted module gets its own server. NATS and Redis address a
 * pattern (a subject, a channel), so one server per process answers for all its modules.
 *
 * Replicas of a module (processes with the same MODULES) share its calls and messages, each handled by one
 * of them: RabbitMQ hands each message of the module's queue to one of its consumers; NATS gives each to one
 * member of the module's queue group; Redis pub/sub gives it to all, and the first replica to claim it handles it (see
 * RedisModuleServer). TCP gives a module one address: its replicas need a load balancer in front.
 */
export function serverOptions(config: AppConfig, hosted: ModuleName[], patterns: Patterns): MicroserviceOptions[] {
  switch (config.transport) {
    case 'tcp':
      return hosted.map((module) => ({
        transport: Transport.TCP,
        options: { ...config.tcpAddresses[module], ...tcpServerTls(config), maxBufferSize: MAX_TCP_FRAME_CHARS },
      }));
    case 'rabbitmq':
      return hosted.map((module) => {
        // Acknowledged by the module's message controller: calls on receipt, inbox deliveries once handled.
        const options = { urls: [config.brokerUrl], queue: patterns.queue([module]), queueOptions: rmqQueueOptions(config), noAck: false, prefetchCount: 32 };
        return { strategy: new RabbitMqModuleServer(options, patterns.deadLetters()), options };
      });
    case 'nats':
      // Each handler names its module's queue group (module-rpc.controller.ts); this is the group of any other.
      return [{ transport: Transport.NATS, options: { ...natsOptions(config.brokerUrl), queue: patterns.queue(hosted) } }];
    case 'redis': {
      const options = redisOptions(config.brokerUrl);
      // A claim outlives the call it is for: by then the caller has given up, and a late copy is stale.
      const claimTtlMs = Math.max(60_000, config.remoteCallTimeoutMs * 10);
      return [{ strategy: new RedisModuleServer(options, (id) => patterns.redisClaim(id), claimTtlMs), options }];
    }
  }
}

/**
 * A durable queue whose messages expire when the caller has stopped waiting: a call queued while its
 * module was down must not run minutes later (a deposit the client was told failed). Inbox deliveries
 * lose nothing by expiring: the sender's outbox sends them again. For the same reason a queue nobody has
 * used for half an hour holds nothing worth keeping, and is removed (a namespace that is gone leaves no
 * queues behind).
 */
function rmqQueueOptions(config: AppConfig): object {
  return { durable: true, arguments: { 'x-message-ttl': config.remoteCallTimeoutMs, 'x-expires': 30 * 60_000 } };
}

function redisOptions(url: string): { host: string; port: number; username?: string; password?: string; tls?: object; retryAttempts: number; retryDelay: number } {
  const parsed = new URL(url);
  return {
    // Nest gives up on a lost Redis connection unless told how often to retry: keep trying, once a second.
    retryAttempts: Number.MAX_SAFE_INTEGER,
    retryDelay: 1000,
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/**
 * Mutual TLS between modules: the server asks every caller for a certificate and turns away any not
 * signed by the CA; the caller shows its own and checks the server's (name included) against the same CA.
 */
function tcpServerTls(config: AppConfig): { tlsOptions?: object } {
  if (!config.tcpTls) return {};
  const { cert, key, ca } = config.tcpTls;
  return { tlsOptions: { cert, key, ca, requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' } };
}

function tcpClientTls(config: AppConfig): { tlsOptions?: object } {
  if (!config.tcpTls) return {};
  const { cert, key, ca } = config.tcpTls;
  return { tlsOptions: { cert, key, ca, rejectUnauthorized: true, minVersion: 'TLSv1.2' } };
}

/**
 * nats.js reads only host and port from a server URL and silently drops its credentials, so they are
 * passed on their own: user and password, or a user part alone as a token (nats://token@host).
 */
export function natsOptions(url: string): { servers: string[]; user?: string; pass?: string; token?: string; tls?: object } {
  const parsed = new URL(url);
  const user = decodeURIComponent(parsed.username);
  const pass = decodeURIComponent(parsed.password);
  const bare = new URL(url);
  bare.username = '';
  bare.password = '';
  return {
    servers: [bare.toString().replace(/\/$/, '')],
    ...(user && pass ? { user, pass } : user ? { token: user } : {}),
    ...(parsed.protocol === 'tls:' ? { tls: {} } : {}),
  };
}
