import { Logger } from '@nestjs/common';
import { ModuleDatabase } from '../database/module-database';
import { MessageEnvelope } from './integration-message';
import { MessageDispatcher } from './message-dispatcher';
import { ModuleName } from '../config/module-name';
import { Metrics } from '../observability/metrics';
import { MessageTap } from './message-tap';

interface OutboxRow {
  seq: string;
  message_id: string;
  destination: ModuleName;
  name: string;
  version: number;
  payload: object;
  headers: Record<string, string>;
  occurred_at: Date;
  attempts: number;
  due: boolean;
}

const BATCH_SIZE = 100;
const MAX_BACKOFF_MS = 30_000;

/**
 * Delivers a module's outbox: at once after each commit (no polling delay on the happy path), and on a
 * timer for what a crash, a failed delivery or an unreachable consumer left behind.
 *
 * Rows for one destination are delivered in the order they were written, and a failed row holds back the
 * rows behind it until its retry, so a consumer never sees a cancellation before the placement it cancels.
 * No transaction is held while delivering: the consumer may need the same database to handle the message.
 */
export class OutboxRelay {
  private readonly logger: Logger;
  private running: Promise<void> | undefined;
  private runAgain = false;
  private sweepTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly db: ModuleDatabase,
    private readonly dispatcher: MessageDispatcher,
    private readonly sweepIntervalMs: number,
    private readonly metrics?: Metrics,
    private readonly tap?: MessageTap,
  ) {
    this.logger = new Logger(`OutboxRelay:${db.module}`);
  }

  start(): void {
    this.sweepTimer = setInterval(() => this.wake(), this.sweepIntervalMs);
    this.sweepTimer.unref();
    this.wake();
  }

  /** Asks for a delivery round; rounds never overlap, and a request during a round causes one more. */
  wake = (): void => {
    if (this.stopped) return;
    if (this.running) {
      this.runAgain = true;
      return;
    }
    this.running = this.drain().finally(() => (this.running = undefined));
  };

  /** Stops the timer and waits (bounded) for the round in flight, so nothing is half-marked at exit. */
  async stop(timeoutMs = 5000): Promise<void> {
    this.stopped = true;
    clearInterval(this.sweepTimer);
    if (this.running) await Promise.race([this.running, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  }

  /** How many messages are written and not yet delivered. */
  async pendingCount(): Promise<number> {
    const [row] = await this.db.dataSource.query(`SELECT count(*)::int AS n FROM "${this.db.module}".outbox WHERE delivered_at IS NULL`);
    return row.n;
  }

  /** Undelivered messages per destination module (destinations with none are left out). */
  async pendingByDestination(): Promise<Map<string, number>> {
    const rows: Array<{ destination: string; n: number }> = await this.db.dataSource.query(
      `SELECT destination, count(*)::int AS n FROM "${this.db.module}".outbox WHERE delivered_at IS NULL GROUP BY destination`,
    );
    return new Map(rows.map((row) => [row.destination, row.n]));
  }

  private async drain(): Promise<void> {
    do {
      this.runAgain = false;
      try {
        const fullBatch = await this.deliverBatch();
        if (fullBatch) this.runAgain = true;
      } catch (error) {
        // The database itself failed (down, restarting): the sweep will try again.
        this.logger.warn(`outbox round failed: ${(error as Error).message}`);
        return;
      }
    } while (this.runAgain && !this.stopped);
  }

  private async deliverBatch(): Promise<boolean> {
    const rows: OutboxRow[] = await this.db.dataSource.query(
      `SELECT seq, message_id, destination, name, version, payload, headers, occurred_at, attempts,
              next_attempt_at <= now() AS due
         FROM "${this.db.module}".outbox WHERE delivered_at IS NULL ORDER BY seq LIMIT ${BATCH_SIZE}`,
    );
    const byDestination = new Map<ModuleName, OutboxRow[]>();
    for (const row of rows) byDestination.set(row.destination, [...(byDestination.get(row.destination) ?? []), row]);
    await Promise.all([...byDestination.values()].map((queue) => this.deliverInOrder(queue)));
    return rows.length === BATCH_SIZE;
  }

  private async deliverInOrder(queue: OutboxRow[]): Promise<void> {
    for (const row of queue) {
      if (!row.due || this.stopped) return;
      const envelope = this.toEnvelope(row);
      try {
        await this.dispatcher.deliver(envelope);
      } catch (error) {
        await this.recordFailure(row, error as Error);
        return;
      }
      await this.db.dataSource.query(`UPDATE "${this.db.module}".outbox SET delivered_at = now() WHERE seq = $1`, [row.seq]);
      this.tap?.record('delivered', envelope);
      this.metrics?.deliveryLag.observe({ source: this.db.module, destination: row.destination }, (Date.now() - new Date(row.occurred_at).getTime()) / 1000);
    }
  }

  private async recordFailure(row: OutboxRow, error: Error): Promise<void> {
    this.metrics?.deliveryFailures.inc({ source: this.db.module, destination: row.destination });
    const attempts = row.attempts + 1;
    const backoffMs = Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(attempts, 16)) * (0.75 + Math.random() / 2);
    const log = attempts >= 5 ? 'error' : 'warn';
    this.logger[log](`delivery of ${row.name} ${row.message_id} to ${row.destination} failed (attempt ${attempts}), retrying in ${Math.round(backoffMs)} ms: ${error.message}`);
    await this.db.dataSource.query(
      `UPDATE "${this.db.module}".outbox
          SET attempts = $2, last_error = $3, next_attempt_at = now() + ($4 || ' milliseconds')::interval
        WHERE seq = $1`,
      [row.seq, attempts, error.message.slice(0, 1000), Math.round(backoffMs)],
    );
  }

  private toEnvelope(row: OutboxRow): MessageEnvelope {
    return {
      id: row.message_id,
      name: row.name,
      version: row.version,
      source: this.db.module,
      destination: row.destination,
      occurredAt: new Date(row.occurred_at).toISOString(),
      payload: row.payload,
      headers: row.headers,
    };
  }
}
