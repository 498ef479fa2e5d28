import { randomUUID } from 'node:crypto';
import { ModuleDatabase } from '../database/module-database';
import { IntegrationMessage, typeOf } from './integration-message';
import { MessageRoutes } from './message-routes';

/**
 * Writes integration messages in the same transaction as the state change that caused them, one row per
 * consuming module, and wakes the relay once that transaction has committed. A rolled-back change
 * publishes nothing; a committed one is delivered even if the process dies right after the commit.
 */
export class Outbox {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly routes: MessageRoutes,
    private readonly wakeRelay: () => void,
    private readonly currentHeaders: () => Record<string, string> = () => ({}),
  ) {}

  async publish(...messages: IntegrationMessage[]): Promise<void> {
    if (!this.db.inTransaction) {
      throw new Error('Outbox.publish must run inside ModuleDatabase.transaction(), with the state change it reports');
    }
    const headers = this.currentHeaders();
    for (const message of messages) {
      const type = typeOf(message);
      const messageId = randomUUID();
      for (const destination of this.routes.destinationsOf(type.messageName, type.version)) {
        await this.db.manager.query(
          `INSERT INTO "${this.db.module}".outbox (message_id, destination, name, version, payload, headers)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [messageId, destination, type.messageName, type.version, JSON.stringify(message.payload), JSON.stringify(headers)],
        );
      }
    }
    this.db.afterCommit(this.wakeRelay);
  }
}
