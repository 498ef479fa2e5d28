import { ModuleDatabase } from '../../module-kit/database/module-database';
import { ModuleName } from '../../module-kit/config/module-name';

export interface OutboxRow {
  seq: string;
  message_id: string;
  destination: ModuleName;
  name: string;
  version: number;
  ordering_key: string;
  payload: object;
  headers: Record<string, string>;
  occurred_at: Date;
  attempts: number;
}

/** What waits in an outbox for one destination. */
export interface OutboxBacklog {
  messages: number;
  oldestAgeMs: number;
}

/** Separates destination and ordering key in one string: neither a module name nor a key holds a newline. */
export function keyOf(row: { destination: string; ordering_key: string }): string {
  return `${row.destination}\n${row.ordering_key}`;
}

/** The relay's reads and writes of one module's outbox and dead letters; no decisions. */
export class OutboxRows {
  constructor(private readonly db: ModuleDatabase) {}

  private get schema(): string {
    return `"${this.db.module}"`;
  }

  /**
   * The next rows that may be sent now, oldest first: due, not for a destination that is paused, not of a key
   * already being sent, and not behind an earlier row of their key that is waiting for its retry. So the
   * batch is never filled with rows that cannot go, however many of those there are.
   */
  async nextDue(limit: number, busyKeys: string[], pausedDestinations: string[]): Promise<OutboxRow[]> {
    return this.db.dataSource.query(
      `SELECT o.seq, o.message_id, o.destination, o.name, o.version, o.ordering_key, o.payload, o.headers, o.occurred_at, o.attempts
         FROM ${this.schema}.outbox o
        WHERE o.delivered_at IS NULL AND o.next_attempt_at <= now()
          AND o.destination <> ALL($1::text[])
          AND o.destination || E'\\n' || o.ordering_key <> ALL($2::text[])
          AND NOT EXISTS (
                SELECT 1 FROM ${this.schema}.outbox earlier
                 WHERE earlier.delivered_at IS NULL AND earlier.destination = o.destination
                   AND earlier.ordering_key = o.ordering_key AND earlier.seq < o.seq AND earlier.next_attempt_at > now())
        ORDER BY o.seq
        LIMIT $3`,
      [pausedDestinations, busyKeys, limit],
    );
  }

  async markDelivered(row: OutboxRow): Promise<void> {
    await this.db.dataSource.query(`UPDATE ${this.schema}.outbox SET delivered_at = now() WHERE seq = $1`, [row.seq]);
  }

  /** A failed attempt: counted, and the row (and so its key) waits `backoffMs`. */
  async recordFailedAttempt(row: OutboxRow, attempts: number, error: string, backoffMs: number): Promise<void> {
    await this.db.dataSource.query(
      `UPDATE ${this.schema}.outbox
          SET attempts = $2, last_error = $3, next_attempt_at = now() + ($4 || ' milliseconds')::interval
        WHERE seq = $1`,
      [row.seq, attempts, error.slice(0, 1000), Math.round(backoffMs)],
    );
  }

  /** The destination could not be reached: not an attempt; the error is kept for whoever looks at the row. */
  async recordUnavailable(row: OutboxRow, error: string): Promise<void> {
    await this.db.dataSource.query(`UPDATE ${this.schema}.outbox SET last_error = $2 WHERE seq = $1`, [row.seq, error.slice(0, 1000)]);
  }

  /**
   * Moves the row from the outbox into dead_letters, in one statement (so one transaction): it is in exactly
   * one of the two whatever happens. A message dead-lettered before (replayed, then failing again) is updated.
   */
  async deadLetter(row: OutboxRow, attempts: number, error: string): Promise<void> {
    await this.db.dataSource.query(
      `WITH moved AS (DELETE FROM ${this.schema}.outbox WHERE seq = $1 RETURNING *)
       INSERT INTO ${this.schema}.dead_letters
              (message_id, destination, name, version, ordering_key, payload, headers, occurred_at, attempts, last_error)
       SELECT message_id, destination, name, version, ordering_key, payload, headers, occurred_at, $2, $3 FROM moved
       ON CONFLICT (message_id, destination) DO UPDATE
          SET attempts = EXCLUDED.attempts, last_error = EXCLUDED.last_error, dead_lettered_at = now()`,
      [row.seq, attempts, error.slice(0, 1000)],
    );
  }

  /**
   * Per destination, the messages waiting to be sent and the age of the oldest, by the database's clock (so
   * every replica reads the same). Messages whose handler failed and that wait for their retry are left out:
   * they wait for a fix, not for capacity, and one the consumer keeps refusing would otherwise hold the backlog
   * old until it is dead-lettered. Reads the pending rows only (the outbox_pending partial index).
   */
  async backlogByDestination(): Promise<Map<string, OutboxBacklog>> {
    const rows: Array<{ destination: string; messages: number; oldest_age_ms: number }> = await this.db.dataSource.query(
      `SELECT destination, count(*)::int AS messages,
              greatest(0, extract(epoch FROM clock_timestamp() - min(occurred_at)) * 1000)::float8 AS oldest_age_ms
         FROM ${this.schema}.outbox
        WHERE delivered_at IS NULL AND attempts = 0
        GROUP BY destination`,
    );
    return new Map(rows.map((row) => [row.destination, { messages: row.messages, oldestAgeMs: row.oldest_age_ms }]));
  }

  async pendingCount(): Promise<number> {
    const [row] = await this.db.dataSource.query(`SELECT count(*)::int AS n FROM ${this.schema}.outbox WHERE delivered_at IS NULL`);
    return row.n;
  }

  async pendingByDestination(): Promise<Map<string, number>> {
    const rows: Array<{ destination: string; n: number }> = await this.db.dataSource.query(
      `SELECT destination, count(*)::int AS n FROM ${this.schema}.outbox WHERE delivered_at IS NULL GROUP BY destination`,
    );
    return new Map(rows.map((row) => [row.destination, row.n]));
  }
}
