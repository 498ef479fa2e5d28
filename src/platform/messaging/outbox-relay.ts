import { Logger } from '@nestjs/common';
import { ModuleDatabase } from '../../module-kit/database/module-database';
import { MessageEnvelope } from '../../module-kit/messaging/integration-message';
import { MessageDispatcher } from './message-dispatcher';
import { Metrics } from '../observability/metrics';
import { MessageTap } from './message-tap';
import { classifyDeliveryFailure } from './delivery-failure';
import { DestinationHealth } from './destination-health';
import { keyOf, OutboxBacklog, OutboxRow, OutboxRows } from './outbox-rows';
import { RelayLeadership } from './relay-leadership';

export interface OutboxRelaySettings {
  /** How often the relay retries what is due, and a replica that is not the sender tries to become it. */
  sweepIntervalMs: number;
  /** Handler failures after which a message is dead-lettered. */
  maxAttempts: number;
  /** Ordering keys delivered at once. */
  concurrency: number;
}

const BATCH_SIZE = 100;
const MAX_BACKOFF_MS = 30_000;

/**
 * Delivers a module's outbox: at once after each commit (no polling delay on the happy path), and on a
 * timer for what a crash, a failed delivery or an unreachable consumer left behind.
 *
 * - One sender per module: of the replicas sharing a database, only the one holding the module's advisory
 *   lock sends (RelayLeadership); the others take over when it goes.
 * - Order per ordering key: a key's rows (same destination and key) go one after the other in the order they
 *   were written, and a failed row holds back only the rows behind it in its key; different keys are
 *   delivered side by side, at most `concurrency` at once.
 * - A handler that keeps failing, `maxAttempts` times, or a message no handler accepts, is moved to the
 *   module's dead_letters, and its key goes on. A destination that cannot be reached is paused (see
 *   DestinationPauses) and its messages wait, for ever if need be: they are not its fault.
 *
 * No transaction is held while delivering: the consumer may need the same database to handle the message.
 */
export class OutboxRelay {
  private readonly logger: Logger;
  private readonly rows: OutboxRows;
  private readonly leadership: RelayLeadership;
  private readonly destinations: DestinationHealth;
  /** Keys with a delivery in flight (see keyOf), how many per destination, and the deliveries themselves. */
  private readonly busyKeys = new Set<string>();
  private readonly busyByDestination = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private running: Promise<void> | undefined;
  private runAgain = false;
  private sweeping: Promise<void> | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly db: ModuleDatabase,
    private readonly dispatcher: MessageDispatcher,
    private readonly settings: OutboxRelaySettings,
    private readonly metrics?: Metrics,
    private readonly tap?: MessageTap,
  ) {
    this.logger = new Logger(`OutboxRelay:${db.module}`);
    this.rows = new OutboxRows(db);
    this.destinations = new DestinationHealth(settings.concurrency);
    this.metrics?.outboxRelayLeader.set({ module: db.module }, 0);
    this.leadership = new RelayLeadership(db, () => this.wake(), (leading) => {
      this.metrics?.outboxRelayLeader.set({ module: db.module }, leading ? 1 : 0);
      if (leading) this.wake();
    });
  }

  start(): void {
    this.sweepTimer = setInterval(() => this.sweep(), this.settings.sweepIntervalMs);
    this.sweepTimer.unref();
    this.sweep();
  }

  /** Whether this process is the module's sender now. */
  get isLeader(): boolean {
    return this.leadership.isLeader;
  }

  /**
   * Asks for a delivery round (the sender only: elsewhere it does nothing); rounds never overlap, and a
   * request during a round causes one more.
   */
  wake = (): void => {
    if (this.stopped || !this.leadership.isLeader) return;
    if (this.running) {
      this.runAgain = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      // A request that came after the round's last check (a key finishing just then) must not be lost.
      if (this.runAgain) this.wake();
    });
  };

  /** Stops the timer and waits (bounded) for the deliveries in flight, then gives the sender's lock up. */
  async stop(timeoutMs = 5000): Promise<void> {
    this.stopped = true;
    clearInterval(this.sweepTimer);
    const settled = Promise.all([this.running, this.sweeping, ...this.inFlight]);
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    await this.leadership.close();
  }

  /** How many messages are written and not yet delivered. */
  pendingCount(): Promise<number> {
    return this.rows.pendingCount();
  }

  /** Undelivered messages per destination module (destinations with none are left out). */
  pendingByDestination(): Promise<Map<string, number>> {
    return this.rows.pendingByDestination();
  }

  /** What waits to be sent, per destination: what the module's backlog bound and its age gauge read. */
  backlogByDestination(): Promise<Map<string, OutboxBacklog>> {
    return this.rows.backlogByDestination();
  }

  /** Renews (or tries to take) the sender's role, then delivers what is due. */
  private sweep(): void {
    if (this.stopped || this.sweeping) return;
    this.sweeping = this.leadership
      .refresh()
      .then(() => this.wake())
      .finally(() => (this.sweeping = undefined));
  }

  private async drain(): Promise<void> {
    do {
      this.runAgain = false;
      let rows: OutboxRow[];
      try {
        rows = await this.rows.nextDue(BATCH_SIZE, [...this.busyKeys], this.destinationsOnHold());
      } catch (error) {
        // The database itself failed (down, restarting): the sweep will try again, not this round at once.
        this.logger.warn(`outbox round failed: ${(error as Error).message}`);
        this.runAgain = false;
        return;
      }
      let started = 0;
      for (const queue of byKey(rows)) {
        // Its destination is paused, or has all the keys in flight it may have: the key waits for a later pass.
        if (this.isOnHold(queue[0].destination)) continue;
        while (this.inFlight.size >= this.settings.concurrency) await Promise.race(this.inFlight);
        if (this.stopped || !this.leadership.isLeader) return;
        if (this.isOnHold(queue[0].destination)) continue;
        this.startKey(queue);
        started++;
      }
      // Keys went out: there may be more (the batch was full, or new rows came). Otherwise a key that
      // finishes starts the next pass.
      if (started > 0) this.runAgain = true;
    } while (this.runAgain && !this.stopped && this.leadership.isLeader);
  }

  /** Destinations none of whose rows may start now. */
  private destinationsOnHold(): string[] {
    const candidates = new Set([...this.busyByDestination.keys(), ...this.destinations.spared()]);
    return [...candidates].filter((destination) => this.isOnHold(destination));
  }

  /**
   * Paused, or held to fewer keys than the relay's limit and at that number. (A destination that may have as
   * many as the limit is never on hold for it: its next key just waits for a free slot, like any other.)
   */
  private isOnHold(destination: string): boolean {
    const allowance = this.destinations.allowance(destination);
    const held = allowance < this.settings.concurrency && (this.busyByDestination.get(destination) ?? 0) >= allowance;
    return held || this.destinations.isPaused(destination);
  }

  private startKey(queue: OutboxRow[]): void {
    const key = keyOf(queue[0]);
    const destination = queue[0].destination;
    this.busyKeys.add(key);
    this.busyByDestination.set(destination, (this.busyByDestination.get(destination) ?? 0) + 1);
    const delivery: Promise<void> = this.deliverInOrder(queue)
      .catch((error: Error) => this.logger.warn(`outbox round failed: ${error.message}`))
      .finally(() => {
        this.busyKeys.delete(key);
        const left = (this.busyByDestination.get(destination) ?? 1) - 1;
        if (left > 0) this.busyByDestination.set(destination, left);
        else this.busyByDestination.delete(destination);
        this.inFlight.delete(delivery);
        // The key's next rows, beyond this batch, may be waiting.
        this.wake();
      });
    this.inFlight.add(delivery);
  }

  /** One key's rows, in order, until one of them has to wait. */
  private async deliverInOrder(queue: OutboxRow[]): Promise<void> {
    for (const row of queue) {
      if (this.stopped || !this.leadership.isLeader || this.destinations.isPaused(row.destination)) return;
      const envelope = this.toEnvelope(row);
      const deliveredLocally = this.dispatcher.localInbox(row.destination) !== undefined;
      try {
        await this.dispatcher.deliver(envelope);
      } catch (error) {
        if (await this.settleFailure(row, envelope, error, deliveredLocally)) continue;
        return;
      }
      this.destinations.answered(row.destination);
      await this.rows.markDelivered(row);
      this.tap?.record('delivered', envelope);
      const labels = { source: this.db.module, destination: row.destination };
      this.metrics?.outboxMessagesSent.inc(labels);
      this.metrics?.deliveryLag.observe(labels, (Date.now() - new Date(row.occurred_at).getTime()) / 1000);
    }
  }

  /** Records a failed delivery; true when the row was dead-lettered, so that its key goes on. */
  private async settleFailure(row: OutboxRow, envelope: MessageEnvelope, error: unknown, deliveredLocally: boolean): Promise<boolean> {
    const labels = { source: this.db.module, destination: row.destination };
    const message = errorMessage(error);
    this.metrics?.deliveryFailures.inc(labels);
    const failure = classifyDeliveryFailure(error, deliveredLocally);

    if (failure === 'unavailable') {
      const pauseMs = this.destinations.unavailable(row.destination);
      this.logger.warn(`${row.destination} is unavailable (delivering ${row.name} ${row.message_id}); its messages wait ${Math.round(pauseMs)} ms: ${message}`);
      await this.rows.recordUnavailable(row, message);
      this.tap?.record('failed', envelope, { failure, attempts: row.attempts });
      return false;
    }

    this.destinations.answered(row.destination);
    const attempts = row.attempts + 1;
    if (failure === 'unroutable' || attempts >= this.settings.maxAttempts) {
      const reason = failure === 'unroutable' ? `no handler accepts it: ${message}` : message;
      await this.rows.deadLetter(row, attempts, reason);
      this.tap?.record('dead-lettered', envelope, { failure, attempts });
      this.metrics?.messagesDeadLettered.inc(labels);
      this.logger.error(`dead-lettered ${row.name} ${row.message_id} to ${row.destination} after ${attempts} attempt(s): ${reason}`);
      return true;
    }

    const backoffMs = Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(attempts, 16)) * (0.75 + Math.random() / 2);
    this.logger.warn(
      `delivery of ${row.name} ${row.message_id} to ${row.destination} failed (attempt ${attempts} of ${this.settings.maxAttempts}), retrying in ${Math.round(backoffMs)} ms: ${message}`,
    );
    await this.rows.recordFailedAttempt(row, attempts, message, backoffMs);
    this.tap?.record('failed', envelope, { failure, attempts });
    return false;
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

/** The rows of each key, in seq order, the keys in the order of their first row. */
function byKey(rows: OutboxRow[]): OutboxRow[][] {
  const queues = new Map<string, OutboxRow[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const queue = queues.get(key);
    if (queue) queue.push(row);
    else queues.set(key, [row]);
  }
  return [...queues.values()];
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error);
}
