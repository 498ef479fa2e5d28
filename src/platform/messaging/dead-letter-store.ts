import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import { ModuleDatabase } from '../../module-kit/database/module-database';
import { DeadLetter, DeadLetterSlice, DeadLetterSliceAnswer, DeadLetterSource } from './dead-letter';
import { outboxChannel } from '../../module-kit/messaging/outbox';

interface DeadLetterRow {
  id: string;
  message_id: string;
  destination: DeadLetter['destination'];
  name: string;
  version: number;
  ordering_key: string;
  payload: object;
  attempts: number;
  last_error: string;
  occurred_at: Date;
  dead_lettered_at: Date;
}

// Instants are cut to the millisecond a cursor (and a JavaScript Date) keeps, so that a page ends exactly
// where the next one starts; the cut value is also what is ordered and compared. Dead letters are few (each
// one is a message a person has to look at), so the cost of not using the index on the raw column is small.
const DEAD_LETTERED_AT = `date_trunc('milliseconds', dead_lettered_at)`;
const COLUMNS = `id, message_id, destination, name, version, ordering_key, payload, attempts, last_error, occurred_at, ${DEAD_LETTERED_AT} AS dead_lettered_at`;

/**
 * One module's dead letters (the `dead_letters` table of its schema): read newest first, counted, and
 * replayed. Replaying moves the row back into the outbox in one transaction, as a new message at the end of
 * its ordering key's queue with no attempts behind it, and wakes the relay as a commit of the outbox does
 * (this process's relay, and through NOTIFY the replica that sends the module's outbox if that is another):
 * it is delivered as if it had just been written. The message keeps its id, so a consumer that did handle it after all (its answer lost)
 * finds it in its inbox and does nothing twice.
 */
export class DeadLetterStore implements DeadLetterSource {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly wakeRelay: () => void,
  ) {}

  async list({ limit, before }: DeadLetterSlice): Promise<DeadLetterSliceAnswer> {
    const table = `"${this.db.module}".dead_letters`;
    const rows: DeadLetterRow[] = before
      ? await this.db.dataSource.query(
          `SELECT ${COLUMNS} FROM ${table} WHERE (${DEAD_LETTERED_AT}, id) < ($2::timestamptz, $3::uuid)
            ORDER BY ${DEAD_LETTERED_AT} DESC, id DESC LIMIT $1`,
          [limit, before.createdAt, before.id],
        )
      : await this.db.dataSource.query(`SELECT ${COLUMNS} FROM ${table} ORDER BY ${DEAD_LETTERED_AT} DESC, id DESC LIMIT $1`, [limit]);
    return { items: rows.map((row) => this.toDeadLetter(row)), total: await this.count() };
  }

  async count(): Promise<number> {
    const [row] = await this.db.dataSource.query(`SELECT count(*)::int AS n FROM "${this.db.module}".dead_letters`);
    return row.n;
  }

  async replay(id: string): Promise<DeadLetter | undefined> {
    const schema = `"${this.db.module}"`;
    const row = await this.db.transaction(async (manager) => {
      // One statement moves it: the row is either back in the outbox or still a dead letter, and of two
      // replays of the same letter racing, one moves it and the other finds nothing.
      const [moved]: DeadLetterRow[] = await manager.query(
        `WITH moved AS (DELETE FROM ${schema}.dead_letters WHERE id = $1 RETURNING *),
              requeued AS (
                INSERT INTO ${schema}.outbox (message_id, destination, name, version, ordering_key, payload, headers, occurred_at, attempts, next_attempt_at)
                SELECT message_id, destination, name, version, ordering_key, payload, headers, occurred_at, 0, now() FROM moved)
         SELECT ${COLUMNS} FROM moved`,
        [id],
      );
      // Heard at the commit by whichever replica sends this module's outbox.
      if (moved) await manager.query('SELECT pg_notify($1, $2)', [outboxChannel(this.db.module), '']);
      return moved as DeadLetterRow | undefined;
    });
    if (!row) return undefined;
    // The relay serves every module's messages: it must not run, or log, inside this request's trace.
    context.with(ROOT_CONTEXT, this.wakeRelay);
    return this.toDeadLetter(row);
  }

  private toDeadLetter(row: DeadLetterRow): DeadLetter {
    return {
      id: row.id,
      module: this.db.module,
      destination: row.destination,
      name: row.name,
      version: row.version,
      messageId: row.message_id,
      orderingKey: row.ordering_key,
      attempts: row.attempts,
      lastError: row.last_error,
      occurredAt: new Date(row.occurred_at).toISOString(),
      deadLetteredAt: new Date(row.dead_lettered_at).toISOString(),
      payload: row.payload,
    };
  }
}
