import { Controller, INestMicroservice } from '@nestjs/common';
import { ClientProxy, ClientProxyFactory, MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { firstValueFrom } from 'rxjs';
import { RedisModuleServer } from '../../src/platform/transport/redis-module-server';

// Two replicas of one module on the machine's Redis (127.0.0.1:6379), as two processes with the same MODULES
// would be, and one caller. Plain ServerRedis would run every request on both. In the faults project because
// it needs a Redis server, which `npm test` does not.
const redis = { host: '127.0.0.1', port: 6379, retryAttempts: 3, retryDelay: 200 };

describe('RedisModuleServer (replicas on one Redis)', () => {
  const namespace = `spec-${randomUUID().slice(0, 8)}`;
  const pattern = `${namespace}.payments.call`;
  const handled: Array<{ replica: string; n: number }> = [];
  const replicas: INestMicroservice[] = [];
  let client: ClientProxy;

  /** One replica: a server answering `pattern` that records what it handled under its name. */
  async function startReplica(name: string): Promise<INestMicroservice> {
    @Controller()
    class CountingController {
      @MessagePattern(pattern)
      async call(@Payload() n: number): Promise<string> {
        handled.push({ replica: name, n });
        // A little work, as a real call has: the other replica reads later requests meanwhile.
        await new Promise((resolve) => setTimeout(resolve, 2));
        return name;
      }
    }
    const module = await Test.createTestingModule({ controllers: [CountingController] }).compile();
    const app = module.createNestMicroservice({ strategy: new RedisModuleServer(redis, (id) => `${namespace}:claim:${id}`, 60_000) });
    await app.listen();
    return app;
  }

  beforeAll(async () => {
    replicas.push(await startReplica('a'), await startReplica('b'));
    client = ClientProxyFactory.create({ transport: Transport.REDIS, options: redis });
    await client.connect();
  });

  afterAll(async () => {
    await client?.close();
    for (const replica of replicas) await replica.close();
  });

  it('hands each request to one replica only, and both replicas get some', async () => {
    const requests = 200;
    const answers = await Promise.all(Array.from({ length: requests }, (_, n) => firstValueFrom(client.send<string>(pattern, n))));

    const timesHandled = new Map<number, number>();
    for (const { n } of handled) timesHandled.set(n, (timesHandled.get(n) ?? 0) + 1);
    expect(handled).toHaveLength(requests);
    expect([...timesHandled.values()].every((times) => times === 1)).toBe(true);
    expect(timesHandled.size).toBe(requests);
    // Every request was answered, by the replica that handled it.
    for (const { replica, n } of handled) expect(answers[n]).toBe(replica);
    const byReplica = { a: handled.filter((h) => h.replica === 'a').length, b: handled.filter((h) => h.replica === 'b').length };
    expect(byReplica.a).toBeGreaterThan(0);
    expect(byReplica.b).toBeGreaterThan(0);
  });
});
