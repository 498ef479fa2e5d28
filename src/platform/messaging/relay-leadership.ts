import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { ModuleDatabase } from '../../module-kit/database/module-database';
import { openDedicatedConnection } from '../database/dedicated-connection';
import { outboxChannel } from '../../module-kit/messaging/outbox';

/**
 * Decides which replica of a module sends its outbox: the one holding a session-level advisory lock, keyed
 * by the module's schema, on a connection it keeps for that alone. PostgreSQL releases the lock when that
 * session ends, so when the holder dies another replica gets it at its next attempt (each sweep); a holder
 * whose connection fails steps down at once. The holder also LISTENs on that connection, so rows written by
 * the other replicas wake it without waiting for the sweep.
 *
 * On the embedded database (one process per data folder, one shared session) the lock is always granted:
 * there is never a second replica, and the local wake after each commit does the rest.
 */
export class RelayLeadership {
  private readonly logger: Logger;
  private client: Client | undefined;
  private leading = false;
  private closed = false;

  constructor(
    private readonly db: ModuleDatabase,
    private readonly onNotification: () => void,
    private readonly onChange: (leading: boolean) => void = () => undefined,
  ) {
    this.logger = new Logger(`OutboxRelay:${db.module}`);
  }

  get isLeader(): boolean {
    return this.leading;
  }

  /**
   * Called at each sweep: a non-leader tries to take the lock; the leader checks that its connection, and so
   * its lock, is still there. Never throws: a database that cannot be reached only means "not the leader".
   */
  async refresh(): Promise<boolean> {
    if (this.closed) return false;
    try {
      if (this.leading && this.client) await this.client.query('SELECT 1');
      else await this.tryToLead();
    } catch (error) {
      this.stepDown(`its connection failed: ${(error as Error).message}`);
    }
    return this.leading;
  }

  /** Gives the lock up (at shutdown), so that another replica takes over without waiting for a timeout. */
  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    if (!client) return;
    if (this.leading) await client.query('SELECT pg_advisory_unlock(hashtext($1))', [this.lockName]).catch(() => undefined);
    this.stepDown('the process is stopping');
  }

  private get lockName(): string {
    return `shop.outbox-relay.${this.db.module}`;
  }

  private async tryToLead(): Promise<void> {
    const client = this.client ?? (await this.connect());
    const [{ locked }] = (await client.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [this.lockName])).rows as Array<{ locked: boolean }>;
    if (!locked || this.closed) return;
    await client.query(`LISTEN "${outboxChannel(this.db.module)}"`);
    this.leading = true;
    this.logger.log(`this process now sends the ${this.db.module} outbox`);
    this.onChange(true);
  }

  private async connect(): Promise<Client> {
    const client = openDedicatedConnection(this.db.dataSource, `${this.db.module} outbox relay`);
    // A dropped connection (server restart, the session killed) surfaces here, between queries.
    client.on('error', (error) => this.client === client && this.stepDown(`its connection failed: ${error.message}`));
    client.on('end', () => this.client === client && this.stepDown('its connection closed'));
    client.on('notification', () => this.onNotification());
    this.client = client;
    try {
      await client.connect();
    } catch (error) {
      this.client = undefined;
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  }

  private stepDown(why: string): void {
    const client = this.client;
    this.client = undefined;
    client?.end().catch(() => undefined);
    if (!this.leading) return;
    this.leading = false;
    this.logger.log(`this process no longer sends the ${this.db.module} outbox: ${why}`);
    this.onChange(false);
  }
}
