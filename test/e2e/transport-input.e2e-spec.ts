import { ClientProxy, ClientProxyFactory } from '@nestjs/microservices';
import { connect as amqpConnect } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { lastValueFrom, timeout } from 'rxjs';
import { AppConfig } from '../../src/module-kit/config/app-config';
import { loadConfig } from '../../src/app/load-app-config';
import { Patterns } from '../../src/platform/transport/patterns';
import { clientOptions, MAX_TCP_FRAME_CHARS } from '../../src/platform/transport/transport-options';
import { HttpClient } from '../support/http-client';
import { RunningShop, startShop } from '../support/running-shop';
import { TOPOLOGIES } from '../support/topologies';

// What another process can send a module over the transport (TRANSPORT, tcp in `npm test`) that is not a
// well-formed call or message: it is refused with a reason, logged, dead-lettered on RabbitMQ, and the module
// goes on serving.
describe(`bad input over the transport (${process.env.TRANSPORT ?? 'tcp'})`, () => {
  let shop: RunningShop;
  let config: AppConfig;
  let patterns: Patterns;
  let raw: ClientProxy;
  let gateway: HttpClient;

  beforeAll(async () => {
    shop = await startShop(TOPOLOGIES.find((topology) => topology.name === 'payments out')!);
    config = loadConfig(shop.envs[0]);
    patterns = new Patterns(config.transportNamespace);
    raw = ClientProxyFactory.create(clientOptions(config, 'payments', patterns));
    gateway = new HttpClient(shop.urls[0], shop.adminHeaders);
  });
  afterAll(async () => {
    await raw?.close();
    await shop?.stop();
  });

  const send = (pattern: string, data: unknown) => lastValueFrom(raw.send(pattern, data).pipe(timeout(5000)));
  const failureOf = (pattern: string, data: unknown) => send(pattern, data).then(
    () => { throw new Error('expected a refusal'); },
    (error: unknown) => error as { code?: string } | string,
  );

  it.each([
    ['a method the port does not have', { method: 'dropTables', args: [] }],
    ['arguments that are not a list', { method: 'getAccount', args: 'x' }],
    ['no call at all', 'hello'],
  ])('refuses a call with %s', async (_case, call) => {
    await expect(send(patterns.call('payments'), call)).rejects.toMatchObject({ code: 'MALFORMED_CALL' });
  });

  it('refuses a message that is not an envelope for its inbox', async () => {
    await expect(send(patterns.inbox('payments'), { id: 'not-a-uuid', name: 42 })).rejects.toMatchObject({ code: 'MALFORMED_MESSAGE' });
  });

  it.each([
    ['a limit out of range', { limit: 1000 }],
    ['a position that is not a cursor position', { limit: 5, before: { createdAt: "yesterday'; --", id: 'x' } }],
    ['no slice at all', 'hello'],
  ])('refuses a dead-letter list with %s', async (_case, slice) => {
    await expect(send(patterns.deadLetterList('payments'), slice)).rejects.toMatchObject({ code: 'MALFORMED_CALL' });
  });

  it('refuses a dead-letter replay without a uuid, and answers one it does not hold with nothing', async () => {
    await expect(send(patterns.deadLetterReplay('payments'), { id: 'not-a-uuid' })).rejects.toMatchObject({ code: 'MALFORMED_CALL' });
    await expect(send(patterns.deadLetterReplay('payments'), { id: randomUUID() })).resolves.toBeNull();
  });

  it.each([
    ['no list of metrics', { messagesAfter: 0 }],
    ['a metric name that is no metric name', { metrics: ['up{job="x"}'] }],
    ['an instant that is not a number', { metrics: [], messagesAfter: 'yesterday' }],
  ])('refuses a report request with %s, and answers a well-formed one with the process and what it asked for', async (_case, request) => {
    await expect(send(patterns.report('payments'), request)).rejects.toMatchObject({ code: 'MALFORMED_CALL' });
    const report = await send(patterns.report('payments'), { metrics: ['dead_letters', 'no_such_metric'], messagesAfter: 0 });
    expect(report).toMatchObject({ process: 'payments', modules: ['payments'], messages: expect.any(Array) });
    expect(report.metrics.map((metric: { name: string }) => metric.name)).toEqual(['dead_letters']);
  });

  it('refuses a pattern nobody answers', async () => {
    const error = await failureOf(`${config.transportNamespace}.payments.unknown`, {});
    // Over TCP and RabbitMQ the module receives it and says so; NATS and Redis route by subject, so it never
    // reaches the module: NATS answers that nobody listens, and over Redis the caller's deadline ends it.
    const expected = { tcp: /no matching message handler/i, rabbitmq: /no matching message handler/i, nats: /no subscribers/i, redis: /timeout/i };
    expect(`${String(error)} ${JSON.stringify(error)}`).toMatch(expected[config.transport]);
  });

  if ((process.env.TRANSPORT ?? 'tcp') === 'tcp') {
    it('refuses a frame larger than the limit by closing its connection', async () => {
      // A well-formed call, padded: served, it would answer with the domain error ACCOUNT_NOT_FOUND.
      const huge = { method: 'getAccount', args: [randomUUID()], padding: 'x'.repeat(MAX_TCP_FRAME_CHARS + 1) };
      const error = await failureOf(patterns.call('payments'), huge);
      expect(typeof error === 'object' && error !== null ? error.code : undefined).toBeUndefined();
    });
  }

  if (process.env.TRANSPORT === 'rabbitmq') {
    it('keeps refused messages in the dead-letter queue, with the reason', async () => {
      await expect(send(patterns.call('payments'), { method: 'dropTables', args: [] })).rejects.toMatchObject({ code: 'MALFORMED_CALL' });
      const connection = await amqpConnect(config.brokerUrl);
      try {
        const channel = await connection.createChannel();
        // Two that only the server itself sees: an event nobody handles, and bytes that are no packet at all
        // (Nest used to reject both into nothing).
        await lastValueFrom(raw.emit(`${config.transportNamespace}.payments.nobody-listens`, { hello: 1 }));
        channel.sendToQueue(patterns.queue(['payments']), Buffer.from('not json'));
        const kept: Array<{ reason: unknown; data: unknown }> = [];
        const expected = [
          { reason: 'malformed call', data: { method: 'dropTables', args: [] } },
          { reason: 'malformed message', data: { id: 'not-a-uuid', name: 42 } },
          { reason: `no handler for pattern "${config.transportNamespace}.payments.unknown"`, data: {} },
          { reason: `no handler for pattern "${config.transportNamespace}.payments.nobody-listens"`, data: { hello: 1 } },
          { reason: 'not a message this server can read', data: 'not json' },
        ];
        const allKept = () => expected.every((one) => kept.some((k) => JSON.stringify(k) === JSON.stringify(one)));
        for (const deadline = Date.now() + 5000; !allKept() && Date.now() < deadline; ) {
          const message = await channel.get(patterns.deadLetters(), { noAck: true });
          if (!message) {
            await new Promise((resolve) => setTimeout(resolve, 50));
            continue;
          }
          const text = message.content.toString();
          kept.push({ reason: message.properties.headers?.['x-refused-reason'], data: text.startsWith('{') ? JSON.parse(text).data : text });
        }
        expect(kept).toEqual(expect.arrayContaining(expected));
        await channel.deleteQueue(patterns.deadLetters());
      } finally {
        await connection.close();
      }
    });
  }

  it('goes on serving after all of it, over the same transport', async () => {
    const customer = await gateway.post('/api/v1/customers', { name: 'Ivy', email: `ivy-${randomUUID()}@example.com` });
    expect(customer.status).toBe(201);
    // The account lives in payments, across the transport from this process.
    expect((await gateway.post(`/api/v1/accounts/${customer.body.id}/deposits`, { amountCents: 500 })).status).toBe(201);
    expect((await gateway.get(`/api/v1/accounts/${customer.body.id}`)).body.balanceCents).toBe(500);
  });
});
