import { Logger } from '@nestjs/common';
import { ModuleDatabase } from '../../module-kit/database/module-database';

/** Rows deleted per statement: short statements, so that no prune holds a lock the relay or a request waits on. */
const BATCH = 1000;

export interface PrunedRows {
  outbox: number;
  inbox: number;
  idempotencyKeys: number;
}

/**
 * Keeps a module's delivery state from growing without end. Once at start and then every hour it deletes
 * what is older than the retention: outbox rows already delivered, inbox records, and Idempotency-Keys.
 * An outbox row still waiting for delivery is never deleted, however old.
 *
 * What the retention bounds: a client retrying with the same Idempotency-Key is answered the first answer for
 * that long; after it, the key is new again. An inbox record only has to outlive the redeliveries of its
 * message, which stop as soon as the sender marks it delivered (seconds, or the length of an outage).
 */
export class DeliveryStateRetention {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly db: ModuleDatabase,
    private readonly retentionHours: number,
    private readonly intervalMs = 3_600_000,
  ) {
    this.logger = new Logger(`DeliveryStateRetention:${db.module}`);
  }

  /** 0 hours: keep everything, never prune. */
  start(): void {
    if (this.retentionHours === 0) return;
    const run = () => {
      this.running ??= this.prune()
        .catch((error: Error) => this.logger.warn(`pruning delivery state failed, trying again in an hour: ${error.message}`))
        .finally(() => (this.running = undefined));
    };
    this.timer = setInterval(run, this.intervalMs);
    this.timer.unref();
    run();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async prune(): Promise<PrunedRows> {
    const schema = `"${this.db.module}"`;
    const pruned = {
      outbox: await this.deleteOlder(`${schema}.outbox`, 'seq', 'delivered_at IS NOT NULL AND delivered_at'),
      inbox: await this.deleteOlder(`${schema}.inbox`, 'message_id', 'handled_at'),
      idempotencyKeys: await this.deleteOlder(`${schema}.idempotency_keys`, 'scope, key', 'created_at'),
    };
    if (pruned.outbox + pruned.inbox + pruned.idempotencyKeys > 0) {
      this.logger.log(`older than ${this.retentionHours} h, deleted: ${pruned.outbox} delivered outbox rows, ${pruned.inbox} inbox records, ${pruned.idempotencyKeys} idempotency keys`);
    }
    return pruned;
  }

  /** Deletes, a batch at a time, the rows whose `olderColumn` is before the cut-off; returns how many. */
  private async deleteOlder(table: string, keyColumns: string, olderColumn: string): Promise<number> {
    let total = 0;
    for (;;) {
      const [, count] = (await this.db.dataSource.query(
        `DELETE FROM ${table} WHERE (${keyColumns}) IN (
           SELECT ${keyColumns} FROM ${table} WHERE ${olderColumn} < now() - make_interval(hours => $1) LIMIT ${BATCH})`,
        [this.retentionHours],
      )) as [unknown, number];
      total += count;
      if (count < BATCH) return total;
    }
  }
}
