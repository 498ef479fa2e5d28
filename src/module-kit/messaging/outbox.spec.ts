import { SourceDatabase } from '../../../test/support/outbox-fixture';
import { IntegrationMessage } from './integration-message';
import { MessageRoutes } from '../../platform/messaging/message-routes';
import { Outbox } from './outbox';

class Placed extends IntegrationMessage<{ id: string }> {
  static readonly messageName = 'Placed';
  static readonly version = 1;
  get orderingKey(): string {
    return this.payload.id;
  }
}

class Charged extends IntegrationMessage<{ id: string }> {
  static readonly messageName = 'Charged';
  static readonly version = 1;
  get orderingKey(): string {
    return this.payload.id;
  }
}

// On a real (embedded) PostgreSQL: a publish of several messages to several consumers is one statement.
describe('Outbox.publish', () => {
  let db: SourceDatabase;
  const routes = new MessageRoutes([
    { name: 'orders', consumes: [Placed] },
    { name: 'payments', consumes: [Placed, Charged] },
  ]);
  const rows = () => db.db.dataSource.query<Array<{ message_id: string; destination: string; name: string; ordering_key: string; payload: { id: string } }>>('SELECT message_id, destination, name, ordering_key, payload FROM orders.outbox ORDER BY seq');

  beforeAll(async () => {
    db = await SourceDatabase.open('orders');
  });
  afterAll(() => db?.close());
  beforeEach(() => db.db.dataSource.query('TRUNCATE orders.outbox'));

  it('writes a row for each consumer of each message, in the order published, and wakes the relay after the commit', async () => {
    let woken = 0;
    await db.db.transaction(async () => {
      await new Outbox(db.db, routes, () => woken++).publish(new Placed({ id: 'a' }), new Charged({ id: 'a' }), new Placed({ id: 'b' }));
      expect(woken).toBe(0);
    });

    const written = await rows();
    expect(written.map((r) => [r.name, r.destination, r.ordering_key, r.payload.id])).toEqual([
      ['Placed', 'orders', 'a', 'a'],
      ['Placed', 'payments', 'a', 'a'],
      ['Charged', 'payments', 'a', 'a'],
      ['Placed', 'orders', 'b', 'b'],
      ['Placed', 'payments', 'b', 'b'],
    ]);
    // One message id per message, shared by its consumers' rows.
    expect(new Set(written.map((r) => r.message_id)).size).toBe(3);
    expect(woken).toBe(1);
  });

  it('writes nothing when the transaction rolls back', async () => {
    await expect(
      db.db.transaction(async () => {
        await new Outbox(db.db, routes, () => undefined).publish(new Placed({ id: 'c' }));
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    expect(await rows()).toEqual([]);
  });

  it('refuses to publish outside a transaction', async () => {
    await expect(new Outbox(db.db, routes, () => undefined).publish(new Placed({ id: 'd' }))).rejects.toThrow(/inside ModuleDatabase.transaction/);
  });
});
