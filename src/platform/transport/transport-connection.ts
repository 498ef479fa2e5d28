import type { INestMicroservice } from '@nestjs/common';
import type { AmqpConnectionManager } from 'amqp-connection-manager';
import type { Redis } from 'ioredis';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Server } from 'node:net';
import { TransportName } from '../../module-kit/config/app-config';
import { ReadinessCheck } from '../health/readiness';

/**
 * The readiness check of this process's own side of the transport: what it needs to answer for the modules it
 * hosts, and nothing about the modules hosted elsewhere. Each is what the connection already knows, or one
 * round trip to the broker, so that a probe every few seconds costs next to nothing:
 * - nats: a PING/PONG round trip on the server's connection (`rtt`), which fails at once while disconnected;
 * - rabbitmq: each module server's connection manager is connected (it learns of a lost broker from the socket
 *   and AMQP heartbeats, and reconnects by itself);
 * - redis: both the server's connections are ready, and the publishing one answers PING;
 * - tcp: there is no broker: each hosted module's server is still listening on its port (what callers dial).
 */
export function transportConnectionCheck(transport: TransportName, servers: INestMicroservice[]): ReadinessCheck {
  return async () => {
    for (const server of servers) await CHECKS[transport](server);
  };
}

const CHECKS: Record<TransportName, (server: INestMicroservice) => Promise<void>> = {
  async nats(server) {
    await server.unwrap<NatsConnection>().rtt();
  },
  async rabbitmq(server) {
    if (!server.unwrap<AmqpConnectionManager>().isConnected()) throw new Error('not connected to the rabbitmq broker');
  },
  async redis(server) {
    const [publisher, subscriber] = server.unwrap<[Redis, Redis]>();
    // Only when ready: a command sent while disconnected would wait in ioredis's offline queue.
    if (publisher.status !== 'ready' || subscriber.status !== 'ready') throw new Error('not connected to the redis broker');
    await publisher.ping();
  },
  async tcp(server) {
    if (!server.unwrap<Server>().listening) throw new Error('a module server stopped listening on its TCP port');
  },
};
