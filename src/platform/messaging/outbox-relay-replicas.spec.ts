import { Client } from 'pg';
import { Metrics } from '../observability/metrics';
import { MessageDispatcher } from './message-dispatcher';
import { OutboxRelay } from './outbox-relay';
import { numbered, RecordingConsumer, relayFor, SourceDatabase, until } from '../../../test/support/outbox-fixture';

const url = process.env.DATABASE_URL;
const SCHEMA = 'relay_replicas_spec';

// Replicas of one module against one PostgreSQL server: one of them sends, and another takes over when it
// goes. Needs a server (DATABASE_URL; use a database of your own): skipped without one.
(url ? describe : describe.skip)('OutboxRelay with replicas on one PostgreSQL server', () => {
  let first: SourceDatabase;
  let second: SourceDatabase;
  let relays: OutboxRelay[] = [];

  beforeAll(async () => {
    first = await SourceDatabase.open(SCHEMA, url);
    second = await SourceDatabase.replicaOf(first, url!);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });
  beforeEach(() => first.db.dataSource.query(`TRUNCATE ${SCHEMA}.outbox, ${SCHEMA}.dead_letters`));
  afterEach(async () => {
    await Promise.all(relays.map((relay) => relay.stop()));
    relays = [];
  });

  /** A relay for each replica, sweeping every `sweepIntervalMs` (the second replica: `secondSweepMs`). */
  function replicas(consumer: RecordingConsumer, sweepIntervalMs: number, secondSweepMs = sweepIntervalMs) {
    const metrics = [new Metrics(), new Metrics()];
    const sweeps = [sweepIntervalMs, secondSweepMs];
    relays = [first, second].map((db, i) => relayFor(db, new MessageDispatcher(consumer), { sweepIntervalMs: sweeps[i] }, metrics[i]));
    return { relays, metrics };
  }
  const leaderGauge = async (metrics: Metrics) => (await metrics.outboxRelayLeader.get()).values[0]?.value;
  const pending = () => first.count(`SELECT count(*) AS n FROM {schema}.outbox WHERE delivered_at IS NULL`);
  /** Cuts the sender's held connection, as if its process had died: the server ends the session. */
  async function killLeaderConnection(): Promise<void> {
    const admin = new Client({ connectionString: url });
    await admin.connect();
    const { rowCount } = await admin.query(
      `SELECT pg_terminate_backend(l.pid) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND a.datname = current_database() AND a.application_name = $1`,
      [`${SCHEMA} outbox relay`],
    );
    await admin.end();
    expect(rowCount).toBe(1);
  }

  it('send each message once, from whichever replica it was written by', async () => {
    const consumer = new RecordingConsumer();
    const [a, b] = replicas(consumer, 50).relays;
    a.start();
    b.start();
    await until('one replica sends', () => a.isLeader || b.isLeader);

    for (let i = 0; i < 20; i++) {
      await first.publish(a.wake, ...numbered(`a${i % 5}`, i));
      await second.publish(b.wake, ...numbered(`b${i % 5}`, i));
    }
    await until('everything is delivered', async () => (await pending()) === 0);
    // A few more sweeps of both replicas: a second sender would deliver again now.
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect([a.isLeader, b.isLeader].filter(Boolean)).toHaveLength(1);
    expect(consumer.delivered).toHaveLength(40);
    expect(new Set(consumer.delivered.map((e) => e.id)).size).toBe(40);
  });

  it('wake the sender at once for a message written by a replica that does not send', async () => {
    const consumer = new RecordingConsumer();
    // Sweeps far apart: only the notification can bring the message out within the wait below.
    const [a, b] = replicas(consumer, 600_000).relays;
    a.start();
    await until('the first replica sends', () => a.isLeader);
    b.start();

    await second.publish(b.wake, ...numbered('k', 1));

    await until('the sender delivered it', () => consumer.delivered.length === 1, 10_000);
    expect(b.isLeader).toBe(false);
  });

  it('take over when the sender loses its connection', async () => {
    const consumer = new RecordingConsumer();
    // The first replica would try again only at its next sweep, long after the second one's.
    const { relays: [a, b], metrics } = replicas(consumer, 600_000, 50);
    a.start();
    await until('the first replica sends', () => a.isLeader);
    b.start();
    await first.publish(a.wake, ...numbered('k', 1));
    await until('the first message is delivered', () => consumer.delivered.length === 1);
    expect(await leaderGauge(metrics[0])).toBe(1);
    expect(await leaderGauge(metrics[1])).toBe(0);

    await killLeaderConnection();
    await until('the first replica steps down', () => !a.isLeader);
    await until('the second replica sends', () => b.isLeader);
    await first.publish(a.wake, ...numbered('k', 2));
    await second.publish(b.wake, ...numbered('k', 3));

    await until('the next messages are delivered', () => consumer.delivered.length === 3);
    expect(consumer.numbersOf('k')).toEqual([1, 2, 3]);
    expect(await leaderGauge(metrics[0])).toBe(0);
    expect(await leaderGauge(metrics[1])).toBe(1);
  });
});
