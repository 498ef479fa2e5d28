import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { ModuleName } from '../../src/module-kit/config/module-name';
import { ModuleDatabase } from '../../src/module-kit/database/module-database';
import { openModuleDatabase } from '../../src/platform/database/open-module-database';
import { IntegrationMessage, MessageEnvelope } from '../../src/module-kit/messaging/integration-message';
import { MessageDispatcher, RemoteInboxes } from '../../src/platform/messaging/message-dispatcher';
import { MessageTap } from '../../src/platform/messaging/message-tap';
import { MessageRoutes } from '../../src/platform/messaging/message-routes';
import { addOrderingKeysAndDeadLetters, createMessagingTables } from '../../src/module-kit/messaging/messaging-tables';
import { Outbox } from '../../src/module-kit/messaging/outbox';
import { OutboxRelay, OutboxRelaySettings } from '../../src/platform/messaging/outbox-relay';
import { Metrics } from '../../src/platform/observability/metrics';
import { Inbox } from '../../src/module-kit/messaging/inbox';
import { rethrowForTransport } from '../../src/platform/transport/module-rpc.controller';
import { fromRemoteError } from '../../src/platform/transport/remote-errors';
import { RpcException } from '@nestjs/microservices';

/** What the relay specs send: `n` numbers the messages of one key in the order they were written. */
export class Numbered extends IntegrationMessage<{ key: string; n: number }> {
  static readonly messageName = 'Numbered';
  static readonly version = 1;
  get orderingKey(): string {
    return this.payload.key;
  }
}

/** A message the consumer has no handler for. */
export class NobodyHandlesThis extends IntegrationMessage<{ key: string; n: number }> {
  static readonly messageName = 'NobodyHandlesThis';
  static readonly version = 1;
  get orderingKey(): string {
    return this.payload.key;
  }
}

/** A version of Numbered the consumer does not know: it handles Numbered@v1 only. */
export class NumberedV9 extends IntegrationMessage<{ key: string; n: number }> {
  static readonly messageName = 'Numbered';
  static readonly version = 9;
  get orderingKey(): string {
    return this.payload.key;
  }
}

/** The module the specs' messages are addressed to. */
export const CONSUMER: ModuleName = 'payments';

function messagingMigrations(schema: string) {
  class CreateMessagingTables1700000000000 implements MigrationInterface {
    async up(queryRunner: QueryRunner): Promise<void> {
      await createMessagingTables(queryRunner, schema);
      await addOrderingKeysAndDeadLetters(queryRunner, schema);
    }
    async down(): Promise<void> {}
  }
  return [CreateMessagingTables1700000000000];
}

/**
 * A producing module's database with its messaging tables: embedded in a fresh folder, or, given a server
 * URL, in a schema of its own there, dropped first (so a spec never meets a module's real schema).
 */
export class SourceDatabase {
  private constructor(
    readonly db: ModuleDatabase,
    private readonly cleanUp: () => Promise<void>,
  ) {}

  static async open(schema: string, url?: string): Promise<SourceDatabase> {
    const dataDir = mkdtempSync(join(tmpdir(), 'shop-relay-'));
    if (url) {
      const admin = new Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
    const db = await openModuleDatabase({ module: schema as ModuleName, url, dataDir, entities: [], migrations: messagingMigrations(schema) });
    return new SourceDatabase(db, async () => {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
  }

  /** Another replica's connection to the same server database. */
  static async replicaOf(source: SourceDatabase, url: string): Promise<SourceDatabase> {
    const db = await openModuleDatabase({ module: source.db.module, url, dataDir: tmpdir(), entities: [], migrations: messagingMigrations(source.db.module) });
    return new SourceDatabase(db, () => db.close());
  }

  /** Writes messages the way a module does (Outbox.publish in a transaction), addressed to CONSUMER. */
  async publish(wake: () => void, ...messages: IntegrationMessage[]): Promise<void> {
    const routes = new MessageRoutes([{ name: CONSUMER, consumes: [Numbered, NumberedV9, NobodyHandlesThis] }]);
    const outbox = new Outbox(this.db, routes, wake);
    await this.db.transaction(() => outbox.publish(...messages));
  }

  async count(sql: string): Promise<number> {
    const [row] = await this.db.dataSource.query(sql.replaceAll('{schema}', `"${this.db.module}"`));
    return Number(row.n);
  }

  close(): Promise<void> {
    return this.cleanUp();
  }
}

/**
 * A consumer in another process, as the relay sees it (the dispatcher's remote side): `behave` decides what
 * each delivery does, throwing what the transport would (see fromRemoteError); every successful delivery is
 * recorded.
 */
export class RecordingConsumer implements RemoteInboxes {
  readonly delivered: MessageEnvelope[] = [];
  attempts = 0;
  behave: (envelope: MessageEnvelope) => Promise<void> = async () => undefined;

  async deliver(envelope: MessageEnvelope): Promise<void> {
    this.attempts++;
    await this.behave(envelope);
    this.delivered.push(envelope);
  }

  /** The `n` of each message of `key` delivered, in the order they arrived. */
  numbersOf(key: string): number[] {
    return this.delivered.filter((e) => (e.payload as { key: string }).key === key).map((e) => (e.payload as { n: number }).n);
  }
}

export function relayFor(source: SourceDatabase, dispatcher: MessageDispatcher, settings: Partial<OutboxRelaySettings> = {}, metrics?: Metrics, tap?: MessageTap): OutboxRelay {
  return new OutboxRelay(source.db, dispatcher, { sweepIntervalMs: 50, maxAttempts: 3, concurrency: 4, ...settings }, metrics, tap);
}

/** Waits for `condition`, polling; fails with `what` if it does not come true within `timeoutMs`. */
export async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function numbered(key: string, ...ns: number[]): Numbered[] {
  return ns.map((n) => new Numbered({ key, n }));
}

/**
 * A module's inbox reached as if from another process: what it throws is turned into what crosses the wire
 * (rethrowForTransport, on the receiving side) and back into what the sender sees (fromRemoteError).
 */
export function acrossTransport(inbox: Inbox): RemoteInboxes {
  return {
    async deliver(envelope) {
      try {
        await rethrowForTransport(() => inbox.receive(envelope));
      } catch (error) {
        throw fromRemoteError(envelope.destination, error instanceof RpcException ? error.getError() : error);
      }
    },
  };
}
