import { randomUUID } from 'node:crypto';
import { ModuleDatabase } from '../database/module-database';
import { ModuleName } from '../config/module-name';
import { IntegrationMessage, typeOf } from './integration-message';
import { MessageRoutes } from '../../platform/messaging/message-routes';
import { MessageVersions, newerVersionsHeader } from './message-versions';
import { context, ROOT_CONTEXT, SpanKind } from '@opentelemetry/api';
import { injectTraceContext } from '../../platform/observability/tracing/trace-context';
import { Tracing, withSpan } from '../../platform/observability/tracing/tracing';

/** The LISTEN/NOTIFY channel on which a module's outbox announces new rows to the replica that sends them. */
export function outboxChannel(module: string): string {
  return `${module}_outbox`;
}

const OUTBOX_COLUMNS = 7;

/** INSERT of `count` outbox rows ($2 onwards, seven a row) that also NOTIFYs channel $1, in one statement. */
function insertAndNotify(module: string, count: number): string {
  const values = Array.from({ length: count }, (_, row) => `(${Array.from({ length: OUTBOX_COLUMNS }, (_, column) => `$${2 + row * OUTBOX_COLUMNS + column}`).join(', ')})`);
  return `WITH written AS (
            INSERT INTO "${module}".outbox (message_id, destination, name, version, ordering_key, payload, headers)
            VALUES ${values.join(', ')}
            RETURNING 1
          )
          SELECT pg_notify($1, '')`;
}

/**
 * Writes integration messages in the same transaction as the state change that caused them, one row per
 * consuming module, and wakes the relay once that transaction has committed: this process's relay directly, and
 * through a NOTIFY sent at the commit, whichever replica's relay sends this module's outbox. A rolled-back change
 * publishes nothing; a committed one is delivered even if the process dies right after the commit.
 * Each message is written under a producer span whose `traceparent` goes into the row's headers, so its
 * handlers, whenever and wherever they run, join the trace of the request that caused it. A message written
 * in several versions (MessageVersions) is one row per consumer too: see there.
 */
export class Outbox {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly routes: MessageRoutes,
    private readonly wakeRelay: () => void,
    private readonly currentHeaders: () => Record<string, string> = () => ({}),
    private readonly tracing?: Tracing,
  ) {}

  async publish(...messages: Array<IntegrationMessage | MessageVersions>): Promise<void> {
    if (!this.db.inTransaction) {
      throw new Error('Outbox.publish must run inside ModuleDatabase.transaction(), with the state change it reports');
    }
    const headers = this.currentHeaders();
    const rows: unknown[][] = [];
    for (const message of messages) {
      const versions = message instanceof MessageVersions ? message.versions : [message];
      const messageId = randomUUID();
      const attributes = { 'messaging.system': 'outbox', 'messaging.message.id': messageId, 'shop.message.source': this.db.module };
      // The span makes the message: its traceparent goes into the row. The rows are written together below.
      await withSpan(this.tracing, `publish ${typeOf(versions[0]).messageName}`, { kind: SpanKind.PRODUCER, attributes }, async () => {
        const messageHeaders = { ...headers, ...injectTraceContext() };
        for (const [destination, [oldest, ...newer]] of this.versionsByDestination(versions)) {
          const type = typeOf(oldest);
          rows.push([messageId, destination, type.messageName, type.version, oldest.orderingKey, JSON.stringify(oldest.payload), JSON.stringify({ ...messageHeaders, ...newerVersionsHeader(newer) })]);
        }
      });
    }
    // One statement for every row and the NOTIFY: each statement is a round trip to the database, and on a
    // busy machine the round trips, not the rows, are what a publish costs.
    if (rows.length > 0) await this.db.manager.query(insertAndNotify(this.db.module, rows.length), [outboxChannel(this.db.module), ...rows.flat()]);
    // The relay serves every request's messages: it must not run, or log, inside this request's trace.
    this.db.afterCommit(() => context.with(ROOT_CONTEXT, this.wakeRelay));
  }

  /** Each consumer of the message, with the versions of it that the consumer's manifest lists, oldest first. */
  private versionsByDestination(versions: IntegrationMessage[]): Map<ModuleName, IntegrationMessage[]> {
    const byDestination = new Map<ModuleName, IntegrationMessage[]>();
    for (const version of versions) {
      const type = typeOf(version);
      for (const destination of this.routes.destinationsOf(type.messageName, type.version)) {
        byDestination.set(destination, [...(byDestination.get(destination) ?? []), version]);
      }
    }
    return byDestination;
  }
}
