import { AggregateRoot, IEvent } from '@nestjs/cqrs';
import { IdempotencyStore } from './idempotency/idempotency-store';
import { MessageRoutes } from '../platform/messaging/message-routes';
import { Outbox } from './messaging/outbox';
import { CONSUMER, Numbered, SourceDatabase } from '../../test/support/outbox-fixture';
import { IdempotencyClaim, UnitOfWork } from './unit-of-work';

/** A domain event of the spec's aggregate. */
class Counted {
  constructor(
    readonly key: string,
    readonly n: number,
  ) {}
}

/** The smallest aggregate: a counter that records each count. */
class Tally extends AggregateRoot {
  constructor(
    readonly key: string,
    public n = 0,
  ) {
    super();
  }

  count(): void {
    this.n += 1;
    this.apply(new Counted(this.key, this.n));
  }
}

const toMessages = (event: IEvent) => (event instanceof Counted ? [new Numbered({ key: event.key, n: event.n })] : []);

class CountCommand {
  constructor(
    readonly key: string,
    readonly idempotencyKey?: string,
  ) {}

  get idempotency(): IdempotencyClaim {
    return { scope: 'spec.count', key: this.idempotencyKey, request: { key: this.key } };
  }
}

// The unit of work on a real (embedded) PostgreSQL: state, idempotency key and outbox commit together or not at all.
describe('UnitOfWork', () => {
  let source: SourceDatabase;
  let unitOfWork: UnitOfWork;
  let runs: number;

  beforeAll(async () => {
    source = await SourceDatabase.open('orders');
    await source.db.dataSource.query('CREATE TABLE orders.tallies (key text PRIMARY KEY, n int NOT NULL)');
    const outbox = new Outbox(source.db, new MessageRoutes([{ name: CONSUMER, consumes: [Numbered] }]), () => undefined);
    unitOfWork = new UnitOfWork(source.db, outbox, new IdempotencyStore(source.db), toMessages);
  });
  afterAll(() => source?.close());
  beforeEach(async () => {
    runs = 0;
    await source.db.dataSource.query('TRUNCATE orders.tallies, orders.outbox, orders.idempotency_keys');
  });

  /** A repository's save: writes the row and hands the aggregate to the unit of work. */
  async function save(tally: Tally): Promise<void> {
    await source.db.manager.query('INSERT INTO orders.tallies (key, n) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET n = $2', [tally.key, tally.n]);
    unitOfWork.track(tally);
  }

  /** The use case: count twice, save, answer with the count; `fail` throws after the save. */
  const countTwice = (command: CountCommand, fail = false) =>
    unitOfWork.run(command, async () => {
      runs += 1;
      const tally = new Tally(command.key);
      tally.count();
      tally.count();
      await save(tally);
      if (fail) throw new Error('the use case failed after saving');
      return { n: tally.n, run: runs };
    });

  const outboxRows = (): Promise<Array<{ name: string; destination: string; payload: { key: string; n: number } }>> =>
    source.db.dataSource.query('SELECT name, destination, payload FROM orders.outbox ORDER BY seq');
  const tallies = () => source.db.dataSource.query('SELECT key, n FROM orders.tallies');

  it('writes the messages of the events recorded by the aggregates it saved, in order, with the change', async () => {
    await expect(countTwice(new CountCommand('a'))).resolves.toEqual({ n: 2, run: 1 });

    expect(await tallies()).toEqual([{ key: 'a', n: 2 }]);
    expect(await outboxRows()).toEqual([
      { name: 'Numbered', destination: CONSUMER, payload: { key: 'a', n: 1 } },
      { name: 'Numbered', destination: CONSUMER, payload: { key: 'a', n: 2 } },
    ]);
  });

  it('leaves neither the change nor a message behind when the use case fails', async () => {
    await expect(countTwice(new CountCommand('a'), true)).rejects.toThrow('failed after saving');

    expect(await tallies()).toEqual([]);
    expect(await outboxRows()).toEqual([]);
  });

  it('answers a replay with the same idempotency key with the stored answer, without running again', async () => {
    const first = await countTwice(new CountCommand('a', 'key-1'));
    const replay = await countTwice(new CountCommand('a', 'key-1'));

    expect(replay).toEqual(first);
    expect(runs).toBe(1);
    expect(await outboxRows()).toHaveLength(2);
  });

  it('refuses the same idempotency key with another request', async () => {
    await countTwice(new CountCommand('a', 'key-1'));

    await expect(countTwice(new CountCommand('b', 'key-1'))).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(runs).toBe(1);
  });

  it('keeps no idempotency key when the use case fails, so that a retry runs', async () => {
    await expect(countTwice(new CountCommand('a', 'key-1'), true)).rejects.toThrow();

    await expect(countTwice(new CountCommand('a', 'key-1'))).resolves.toEqual({ n: 2, run: 2 });
  });

  it('joins a transaction already open (an inbox handling a message) and rolls back with it', async () => {
    const handling = source.db.transaction(async () => {
      await countTwice(new CountCommand('a'));
      throw new Error('the inbox failed after the handler');
    });

    await expect(handling).rejects.toThrow('the inbox failed');
    expect(await tallies()).toEqual([]);
    expect(await outboxRows()).toEqual([]);
  });

  it('checks before the transaction opens, and not at all for a replay', async () => {
    const checks: boolean[] = [];
    const validate = async () => void checks.push(source.db.inTransaction);
    const command = new CountCommand('a', 'key-1');

    await unitOfWork.run(command, async () => 'done', validate);
    await unitOfWork.run(command, async () => 'done', validate);

    expect(checks).toEqual([false]);
  });

  it('refuses a save outside a unit of work, whose events would be lost', () => {
    expect(() => unitOfWork.track(new Tally('a'))).toThrow('saved outside a unit of work');
  });
});
