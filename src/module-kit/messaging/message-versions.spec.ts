import { randomUUID } from 'node:crypto';
import { SourceDatabase } from '../../../test/support/outbox-fixture';
import { Inbox } from './inbox';
import { IntegrationMessage, MessageEnvelope, MessageType } from './integration-message';
import { MessageRoutes } from '../../platform/messaging/message-routes';
import { MessageVersions, NEWER_VERSIONS_HEADER } from './message-versions';
import { Outbox } from './outbox';

class Greeted extends IntegrationMessage<{ key: string; text: string }> {
  static readonly messageName = 'Greeted';
  static readonly version = 1;
  get orderingKey(): string {
    return this.payload.key;
  }
}

/** Version 2 changes a field's type: a consumer of version 1 could not read it. */
class GreetedV2 extends IntegrationMessage<{ key: string; text: string[] }> {
  static readonly messageName = 'Greeted';
  static readonly version = 2;
  get orderingKey(): string {
    return this.payload.key;
  }
}

class Waved extends IntegrationMessage<{ key: string }> {
  static readonly messageName = 'Waved';
  static readonly version = 2;
  get orderingKey(): string {
    return this.payload.key;
  }
}

interface Row {
  message_id: string;
  destination: 'customers' | 'orders' | 'payments';
  name: string;
  version: number;
  payload: object;
  headers: Record<string, string>;
}

// On a real (embedded) PostgreSQL: the outbox writes the rows, an inbox (of this release, or of the one
// before, which handles version 1 only) reads the envelopes the relay would make of them.
describe('a message in two versions (MessageVersions)', () => {
  let db: SourceDatabase;
  const greeting = () => new MessageVersions(new GreetedV2({ key: 'k', text: ['hello', 'world'] }), new Greeted({ key: 'k', text: 'hello world' }));

  beforeAll(async () => {
    db = await SourceDatabase.open('orders');
  });
  afterAll(() => db?.close());
  beforeEach(() => db.db.dataSource.query('TRUNCATE orders.outbox, orders.inbox'));

  /** Publishes as a module does, to consumers whose manifests list `consumes`; the rows written, by destination. */
  async function publish(consumes: Partial<Record<Row['destination'], MessageType[]>>, ...messages: Array<IntegrationMessage | MessageVersions>): Promise<Row[]> {
    const routes = new MessageRoutes(Object.entries(consumes).map(([name, types]) => ({ name: name as Row['destination'], consumes: types })));
    await db.db.transaction(() => new Outbox(db.db, routes, () => undefined).publish(...messages));
    return db.db.dataSource.query('SELECT message_id, destination, name, version, payload, headers FROM orders.outbox ORDER BY destination');
  }

  const envelopeOf = (row: Row): MessageEnvelope => ({ id: row.message_id, name: row.name, version: row.version, source: 'orders', destination: row.destination, occurredAt: new Date().toISOString(), payload: row.payload, headers: row.headers });

  /** An inbox that handles `types`, recording the version and payload each handling got. */
  function inboxFor(...types: MessageType[]): { inbox: Inbox; handled: Array<{ version: number; payload: object }> } {
    const handled: Array<{ version: number; payload: object }> = [];
    const inbox = new Inbox(db.db);
    for (const type of types) inbox.on(type, async (message, envelope) => void handled.push({ version: envelope.version, payload: message.payload }));
    return { inbox, handled };
  }

  it("sends each consumer one envelope, in the oldest version its manifest lists, with the newer ones it lists in a header", async () => {
    const rows = await publish({ customers: [Greeted], orders: [GreetedV2], payments: [Greeted, GreetedV2] }, greeting());

    expect(new Set(rows.map((row) => row.message_id)).size).toBe(1);
    expect(rows.map(({ destination, version, payload }) => ({ destination, version, payload }))).toEqual([
      { destination: 'customers', version: 1, payload: { key: 'k', text: 'hello world' } },
      { destination: 'orders', version: 2, payload: { key: 'k', text: ['hello', 'world'] } },
      { destination: 'payments', version: 1, payload: { key: 'k', text: 'hello world' } },
    ]);
    expect(rows[0].headers[NEWER_VERSIONS_HEADER]).toBeUndefined();
    expect(rows[1].headers[NEWER_VERSIONS_HEADER]).toBeUndefined();
    expect(JSON.parse(rows[2].headers[NEWER_VERSIONS_HEADER])).toEqual([{ version: 2, payload: { key: 'k', text: ['hello', 'world'] } }]);
  });

  it('is read in its version by a consumer of the release before, which knows only that one, and never dead-lettered there', async () => {
    const [row] = await publish({ payments: [Greeted, GreetedV2] }, greeting());
    const older = inboxFor(Greeted);

    await expect(older.inbox.receive(envelopeOf(row))).resolves.toBe('handled');
    expect(older.handled).toEqual([{ version: 1, payload: { key: 'k', text: 'hello world' } }]);
  });

  it('is read in the newest version it handles by a consumer of this release, once', async () => {
    const [row] = await publish({ payments: [Greeted, GreetedV2] }, greeting());
    const newer = inboxFor(Greeted, GreetedV2);

    await expect(newer.inbox.receive(envelopeOf(row))).resolves.toBe('handled');
    await expect(newer.inbox.receive(envelopeOf(row))).resolves.toBe('duplicate');
    expect(newer.handled).toEqual([{ version: 2, payload: { key: 'k', text: ['hello', 'world'] } }]);
  });

  it('leaves a consumer of this release able to read what a producer of the release before sends: version 1 alone', async () => {
    const [row] = await publish({ payments: [Greeted] }, new Greeted({ key: 'k', text: 'hi' }));
    expect(row.headers[NEWER_VERSIONS_HEADER]).toBeUndefined();
    const newer = inboxFor(Greeted, GreetedV2);

    await expect(newer.inbox.receive(envelopeOf(row))).resolves.toBe('handled');
    expect(newer.handled).toEqual([{ version: 1, payload: { key: 'k', text: 'hi' } }]);
  });

  it('reads the envelope itself when the header is not a list of versions', async () => {
    const newer = inboxFor(Greeted, GreetedV2);
    for (const header of ['not json', '{"version":2}', '[{"version":"2","payload":{}}]']) {
      const envelope = envelopeOf({ message_id: randomUUID(), destination: 'payments', name: 'Greeted', version: 1, payload: { key: 'k', text: 'plain' }, headers: { [NEWER_VERSIONS_HEADER]: header } });
      await expect(newer.inbox.receive(envelope)).resolves.toBe('handled');
    }
    expect(newer.handled.map((h) => h.version)).toEqual([1, 1, 1]);
  });

  it('holds versions of one message only, each once, with one ordering key', () => {
    expect(() => new MessageVersions(new Greeted({ key: 'k', text: '' }), new Waved({ key: 'k' }))).toThrow('distinct versions of one message');
    expect(() => new MessageVersions(new Greeted({ key: 'k', text: '' }), new Greeted({ key: 'k', text: '' }))).toThrow('distinct versions');
    expect(() => new MessageVersions(new Greeted({ key: 'a', text: '' }), new GreetedV2({ key: 'b', text: [] }))).toThrow('the same ordering key');
  });
});
