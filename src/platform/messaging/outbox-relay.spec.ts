import { DomainError } from '../../module-kit/errors/domain-error';
import { Metrics } from '../observability/metrics';
import { fromRemoteError } from '../transport/remote-errors';
import { Inbox } from '../../module-kit/messaging/inbox';
import { MessageEnvelope } from '../../module-kit/messaging/integration-message';
import { MessageDispatcher } from './message-dispatcher';
import { MessageTap, TappedMessage } from './message-tap';
import { OutboxRelay } from './outbox-relay';
import {
  acrossTransport,
  CONSUMER,
  NobodyHandlesThis,
  numbered,
  NumberedV9,
  RecordingConsumer,
  relayFor,
  SourceDatabase,
  until,
} from '../../../test/support/outbox-fixture';

const keyOf = (envelope: MessageEnvelope) => (envelope.payload as { key: string }).key;
const numberOf = (envelope: MessageEnvelope) => (envelope.payload as { n: number }).n;

// The relay on a real (embedded) PostgreSQL: order per key, dead letters, unavailable destinations.
describe('OutboxRelay', () => {
  let source: SourceDatabase;
  let relay: OutboxRelay | undefined;
  let metrics: Metrics;

  beforeAll(async () => {
    source = await SourceDatabase.open('orders');
  });
  afterAll(() => source?.close());
  beforeEach(async () => {
    metrics = new Metrics();
    await source.db.dataSource.query('TRUNCATE orders.outbox, orders.inbox, orders.dead_letters');
  });
  afterEach(async () => {
    await relay?.stop();
    relay = undefined;
  });

  const counter = async (name: string, labels: Record<string, string>) =>
    (await metrics.registry.getSingleMetric(name)!.get()).values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value ?? 0;
  const deadLetters = () => source.db.dataSource.query(`SELECT name, ordering_key, attempts, last_error FROM orders.dead_letters`);
  const pending = () => source.count(`SELECT count(*) AS n FROM {schema}.outbox WHERE delivered_at IS NULL`);

  /** What a tap on the relay saw of `key`'s messages: stage, and for a failure why and the attempts so far. */
  function watch(tap: MessageTap, key: string): Array<[string, string?, number?]> {
    const seen: Array<[string, string?, number?]> = [];
    tap.messages$.subscribe((message: TappedMessage) => {
      if (keyOf(message.envelope) === key) seen.push([message.stage, message.delivery?.failure, message.delivery?.attempts]);
    });
    return seen;
  }

  /** A consumer whose inbox is in this process, with a handler for Numbered that runs `handle`. */
  function localInbox(handle: (envelope: MessageEnvelope) => Promise<void>): { dispatcher: MessageDispatcher; inbox: Inbox } {
    const inbox = new Inbox(source.db, undefined, undefined, undefined, (_, outcome) => metrics.inboxMessages.inc({ module: CONSUMER, outcome }));
    inbox.on(numbered('', 0)[0].constructor as never, (_, envelope) => handle(envelope));
    const dispatcher = new MessageDispatcher({ deliver: () => Promise.reject(new Error('no remote consumer here')) });
    dispatcher.registerLocalInbox(CONSUMER, inbox);
    return { dispatcher, inbox };
  }

  it('is the sender of its module on the embedded database, and says so', async () => {
    relay = relayFor(source, new MessageDispatcher(new RecordingConsumer()), {}, metrics);
    relay.start();

    await until('the relay leads', () => relay!.isLeader);
    expect(await counter('outbox_relay_leader', { module: 'orders' })).toBe(1);
  });

  it("keeps each key's order while keys interleave, and a slow key holds back no other", async () => {
    const consumer = new RecordingConsumer();
    let releaseSlow!: () => void;
    const slowGate = new Promise<void>((resolve) => (releaseSlow = resolve));
    consumer.behave = async (envelope) => {
      if (keyOf(envelope) === 'slow' && numberOf(envelope) === 1) await slowGate;
    };
    relay = relayFor(source, new MessageDispatcher(consumer), { concurrency: 3 }, metrics);
    for (let n = 1; n <= 3; n++) await source.publish(relay.wake, ...numbered('slow', n), ...numbered('a', n), ...numbered('b', n));
    relay.start();

    await until('keys a and b are through', () => consumer.numbersOf('a').length === 3 && consumer.numbersOf('b').length === 3);
    expect(consumer.numbersOf('slow')).toEqual([]);

    releaseSlow();
    await until('the slow key is through', () => consumer.numbersOf('slow').length === 3);
    expect(consumer.numbersOf('a')).toEqual([1, 2, 3]);
    expect(consumer.numbersOf('b')).toEqual([1, 2, 3]);
    expect(consumer.numbersOf('slow')).toEqual([1, 2, 3]);
    expect(consumer.delivered).toHaveLength(9);
    await until('nothing is pending', async () => (await pending()) === 0);
    expect(await counter('outbox_messages_sent_total', { source: 'orders', destination: CONSUMER })).toBe(9);
  });

  // Found by the drain benchmark: with every slot taken by one destination, each further key was put off to
  // a new select, one select per message instead of one per batch.
  it('reads the outbox once per batch, not once per key, when one destination fills every slot', async () => {
    const consumer = new RecordingConsumer();
    relay = relayFor(source, new MessageDispatcher(consumer), { concurrency: 2 }, metrics);
    for (let batch = 0; batch < 4; batch++) await source.publish(relay.wake, ...Array.from({ length: 50 }, (_, i) => numbered(`k${batch}-${i}`, 1)[0]));
    let selects = 0;
    const query = source.db.dataSource.query.bind(source.db.dataSource);
    source.db.dataSource.query = ((sql: string, ...rest: unknown[]) => {
      if (sql.includes('next_attempt_at <= now()')) selects++;
      return query(sql, ...(rest as []));
    }) as typeof source.db.dataSource.query;
    try {
      relay.start();
      await until('everything is delivered', () => consumer.delivered.length === 200);
    } finally {
      source.db.dataSource.query = query;
    }
    expect(selects).toBeLessThan(20);
  });

  it('dead-letters a message whose handler keeps failing after its attempts; the rest of its key and the other keys go on', async () => {
    const handled: MessageEnvelope[] = [];
    const { dispatcher } = localInbox(async (envelope) => {
      if (keyOf(envelope) === 'poison' && numberOf(envelope) === 1) throw new Error('this handler cannot take it');
      handled.push(envelope);
    });
    const tap = new MessageTap();
    const poison = watch(tap, 'poison');
    relay = relayFor(source, dispatcher, { maxAttempts: 3 }, metrics, tap);
    await source.publish(relay.wake, ...numbered('poison', 1), ...numbered('other', 1), ...numbered('poison', 2, 3), ...numbered('other', 2));
    relay.start();

    await until('everything else is handled', () => handled.length === 4);
    const byKey = (key: string) => handled.filter((e) => keyOf(e) === key).map(numberOf);
    expect(byKey('poison')).toEqual([2, 3]);
    expect(byKey('other')).toEqual([1, 2]);
    expect(await deadLetters()).toEqual([{ name: 'Numbered', ordering_key: 'poison', attempts: 3, last_error: 'this handler cannot take it' }]);
    expect(await pending()).toBe(0);
    expect(await source.count(`SELECT count(*) AS n FROM {schema}.outbox`)).toBe(4);
    expect(await counter('messages_dead_lettered_total', { source: 'orders', destination: CONSUMER })).toBe(1);
    expect(await counter('inbox_messages_total', { module: CONSUMER, outcome: 'handled' })).toBe(4);
    // What the dashboard shows of it: each failed attempt, then the giving up, then the key going on.
    expect(poison).toEqual([
      ['failed', 'handler-failed', 1],
      ['failed', 'handler-failed', 2],
      ['dead-lettered', 'handler-failed', 3],
      ['delivered', undefined, undefined],
      ['delivered', undefined, undefined],
    ]);
  });

  it('counts a handler failure in another process as an attempt too', async () => {
    const { inbox } = localInbox(async (envelope) => {
      if (numberOf(envelope) === 1) throw new Error('this handler cannot take it');
    });
    relay = relayFor(source, new MessageDispatcher(acrossTransport(inbox)), { maxAttempts: 2 }, metrics);
    await source.publish(relay.wake, ...numbered('poison', 1, 2));
    relay.start();

    await until('the poison message is dead-lettered', async () => (await deadLetters()).length === 1);
    await until('the next message of its key is delivered', async () => (await pending()) === 0);
    expect(await deadLetters()).toEqual([{ name: 'Numbered', ordering_key: 'poison', attempts: 2, last_error: 'the payments module failed to handle the request' }]);
  });

  it.each([
    ['in this process', (inbox: Inbox) => inbox],
    ['in another process', (inbox: Inbox) => acrossTransport(inbox)],
  ])('dead-letters a message no handler accepts, of an unknown name or version, at once (consumer %s), and its key goes on', async (_, reach) => {
    const handled: MessageEnvelope[] = [];
    const { inbox } = localInbox(async (envelope) => void handled.push(envelope));
    const local = reach(inbox);
    const dispatcher = new MessageDispatcher(local instanceof Inbox ? { deliver: () => Promise.reject(new Error('unused')) } : local);
    if (local instanceof Inbox) dispatcher.registerLocalInbox(CONSUMER, local);
    relay = relayFor(source, dispatcher, { maxAttempts: 5 }, metrics);
    await source.publish(relay.wake, new NobodyHandlesThis({ key: 'k', n: 1 }), new NumberedV9({ key: 'k', n: 2 }), ...numbered('k', 3));
    relay.start();

    await until('the next message of its key is handled', () => handled.length === 1);
    expect(handled.map(numberOf)).toEqual([3]);
    const dead = await source.db.dataSource.query(`SELECT name, version, ordering_key, attempts, last_error FROM orders.dead_letters ORDER BY version DESC`);
    expect(dead).toMatchObject([
      { name: 'Numbered', version: 9, ordering_key: 'k', attempts: 1 },
      { name: 'NobodyHandlesThis', version: 1, ordering_key: 'k', attempts: 1 },
    ]);
    expect(dead[0].last_error).toMatch(/^no handler accepts it: .*no handler for Numbered@v9/);
    expect(dead[1].last_error).toMatch(/^no handler accepts it: .*no handler for NobodyHandlesThis@v1/);
  });

  it('never dead-letters for a destination that cannot be reached, and delivers everything once it is back', async () => {
    const consumer = new RecordingConsumer();
    let down = true;
    consumer.behave = async () => {
      if (down) throw fromRemoteError(CONSUMER, Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4103'), { code: 'ECONNREFUSED' }));
    };
    const tap = new MessageTap();
    const a = watch(tap, 'a');
    relay = relayFor(source, new MessageDispatcher(consumer), { maxAttempts: 1, concurrency: 1 }, metrics, tap);
    await source.publish(relay.wake, ...numbered('a', 1, 2), ...numbered('b', 1, 2), ...numbered('c', 1));
    relay.start();

    // More attempts than a handler failure would be allowed: none of them counts.
    await until('the relay has tried a few times', () => consumer.attempts >= 3);
    expect(await deadLetters()).toEqual([]);
    const failures = a.filter(([stage]) => stage === 'failed');
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every(([, failure, attempts]) => failure === 'unavailable' && attempts === 0)).toBe(true);
    expect(await source.count(`SELECT count(*) AS n FROM {schema}.outbox WHERE attempts > 0`)).toBe(0);
    expect(await source.count(`SELECT count(*) AS n FROM {schema}.outbox WHERE last_error LIKE '%cannot be reached%'`)).toBeGreaterThan(0);

    down = false;
    await until('everything is delivered', async () => (await pending()) === 0);
    expect(consumer.numbersOf('a')).toEqual([1, 2]);
    expect(consumer.numbersOf('b')).toEqual([1, 2]);
    expect(consumer.numbersOf('c')).toEqual([1]);
    expect(await deadLetters()).toEqual([]);
  });

  it('reads its backlog per destination from the rows: what waits to be sent, not what waits to retry a failed handler', async () => {
    relay = relayFor(source, new MessageDispatcher(new RecordingConsumer()), {}, metrics);
    await source.publish(relay.wake, ...numbered('a', 1, 2), ...numbered('b', 1));
    await source.db.dataSource.query(`UPDATE orders.outbox SET occurred_at = now() - interval '3 seconds' WHERE payload->>'key' = 'a' AND payload->>'n' = '1'`);
    const before = await relay.backlogByDestination();
    expect([...before.keys()]).toEqual([CONSUMER]);
    expect(before.get(CONSUMER)!.messages).toBe(3);
    expect(before.get(CONSUMER)!.oldestAgeMs).toBeGreaterThanOrEqual(3000);

    // The old one's handler failed: it waits for its retry, not for the relay, and no longer counts.
    await source.db.dataSource.query(`UPDATE orders.outbox SET attempts = 1 WHERE payload->>'key' = 'a' AND payload->>'n' = '1'`);
    const after = await relay.backlogByDestination();
    expect(after.get(CONSUMER)!.messages).toBe(2);
    expect(after.get(CONSUMER)!.oldestAgeMs).toBeLessThan(3000);
    await source.db.dataSource.query(`UPDATE orders.outbox SET delivered_at = now()`);
    expect(await relay.backlogByDestination()).toEqual(new Map());
  });

  it('treats a consumer whose database is unavailable as unavailable, not as a failing handler', async () => {
    const consumer = new RecordingConsumer();
    let down = true;
    consumer.behave = async () => {
      if (down) throw fromRemoteError(CONSUMER, new DomainError('DATABASE_UNAVAILABLE', 'unavailable', 'The database is unavailable; try again shortly.').toJSON());
    };
    relay = relayFor(source, new MessageDispatcher(consumer), { maxAttempts: 1 }, metrics);
    await source.publish(relay.wake, ...numbered('a', 1));
    relay.start();

    await until('the relay has tried twice', () => consumer.attempts >= 2);
    down = false;
    await until('it is delivered', async () => (await pending()) === 0);
    expect(await deadLetters()).toEqual([]);
  });
});
