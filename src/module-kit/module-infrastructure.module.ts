import { BeforeApplicationShutdown, DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { MixedList } from 'typeorm';
import { AppConfig } from './config/app-config';
import { ModuleDatabase } from './database/module-database';
import { openModuleDatabase } from '../platform/database/open-module-database';
import { Readiness } from '../platform/health/readiness';
import { Metrics } from '../platform/observability/metrics';
import { IdempotencyStore } from './idempotency/idempotency-store';
import { BacklogBound } from './messaging/backlog-bound';
import { Inbox } from './messaging/inbox';
import { MessageDispatcher } from '../platform/messaging/message-dispatcher';
import { MessageRoutes } from '../platform/messaging/message-routes';
import { messageKey } from './messaging/integration-message';
import { ModuleManifest } from './messaging/module-manifest';
import { Outbox } from './messaging/outbox';
import { OutboxRelay } from '../platform/messaging/outbox-relay';
import { OutboxBacklog } from '../platform/messaging/outbox-rows';
import { DeliveryStateRetention } from '../platform/messaging/delivery-state-retention';
import { MessageTap } from '../platform/messaging/message-tap';
import { DeadLetterStore } from '../platform/messaging/dead-letter-store';
import { DeadLetterStores } from '../platform/messaging/dead-letter-stores';
import { Tracing } from '../platform/observability/tracing/tracing';
import { CommandPipeline } from './command-pipeline';
import { IntegrationEventMapper, UnitOfWork } from './unit-of-work';

export interface ModuleInfrastructureOptions {
  manifest: ModuleManifest;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
  /** The handlers that run in the module's unit of work (CommandPipeline): its commands, and a query that writes. */
  useCases?: ReadonlyArray<Type<object>>;
  /** The integration messages the module's domain events map to; none when it has no mapper. */
  integrationEvents?: IntegrationEventMapper;
}

const OPTIONS = Symbol('ModuleInfrastructureOptions');

/** Starts a module's outbox relay and its pruning once the app is up, and stops them before its database closes. */
@Injectable()
class ModuleLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(OPTIONS) private readonly options: ModuleInfrastructureOptions,
    private readonly db: ModuleDatabase,
    private readonly inbox: Inbox,
    private readonly relay: OutboxRelay,
    private readonly retention: DeliveryStateRetention,
    private readonly dispatcher: MessageDispatcher,
    private readonly readiness: Readiness,
  ) {}

  onApplicationBootstrap(): void {
    const { manifest } = this.options;
    // The manifest tells other processes what to send here: it must match what the inbox accepts.
    const unhandled = manifest.consumes.filter((type) => !this.inbox.handles(type));
    if (unhandled.length > 0) {
      throw new Error(`module ${manifest.name} declares ${unhandled.map((t) => messageKey(t.messageName, t.version)).join(', ')} in its manifest but registers no handler`);
    }
    this.dispatcher.registerLocalInbox(manifest.name, this.inbox);
    this.readiness.register(`${manifest.name}.database`, () => this.db.ping());
    this.relay.start();
    this.retention.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.relay.stop(), this.retention.stop()]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}

/**
 * What every business module gets, each for its own schema: its database (migrated before use), its outbox
 * and relay, the bound on its outbox backlog, its dead letters, its inbox, its idempotency store, the pruning
 * that keeps the last three bounded, and the unit of work its use cases run in. Imported once per module; the
 * providers it exports are visible to that module only.
 */
@Module({})
export class ModuleInfrastructureModule {
  static forModule(options: ModuleInfrastructureOptions): DynamicModule {
    return {
      module: ModuleInfrastructureModule,
      providers: [
        { provide: OPTIONS, useValue: options },
        {
          provide: ModuleDatabase,
          inject: [AppConfig],
          useFactory: (config: AppConfig) =>
            openModuleDatabase({
              module: options.manifest.name,
              entities: options.entities,
              migrations: options.migrations,
              url: config.databaseUrls[options.manifest.name],
              dataDir: config.dataDir,
              connectTimeoutMs: config.databaseConnectTimeoutMs,
              // Nest holds its own log back until start-up is over: this wait is told at once, on stderr.
              log: (line) => logsWarnings(config.logLevel) && console.warn(`${options.manifest.name}: ${line}`),
            }),
        },
        {
          provide: OutboxRelay,
          inject: [ModuleDatabase, MessageDispatcher, AppConfig, Metrics, MessageTap],
          useFactory: (db: ModuleDatabase, dispatcher: MessageDispatcher, config: AppConfig, metrics: Metrics, tap: MessageTap) => {
            const settings = { sweepIntervalMs: config.outboxSweepMs, maxAttempts: config.deliveryMaxAttempts, concurrency: config.relayConcurrency };
            const relay = new OutboxRelay(db, dispatcher, settings, metrics, tap);
            metrics.addOutboxBacklog(options.manifest.name, () => relay.pendingByDestination());
            metrics.addOutboxBacklogAge(options.manifest.name, async () => secondsOfOldest(await relay.backlogByDestination()));
            return relay;
          },
        },
        {
          provide: BacklogBound,
          inject: [OutboxRelay, AppConfig, Metrics],
          useFactory: (relay: OutboxRelay, config: AppConfig, metrics: Metrics) =>
            new BacklogBound(options.manifest.name, config.backlog, () => relay.backlogByDestination(), () => metrics.requestsShed.inc({ module: options.manifest.name })),
        },
        {
          provide: Outbox,
          inject: [ModuleDatabase, MessageRoutes, OutboxRelay, Tracing],
          useFactory: (db: ModuleDatabase, routes: MessageRoutes, relay: OutboxRelay, tracing: Tracing) => new Outbox(db, routes, relay.wake, undefined, tracing),
        },
        {
          provide: Inbox,
          inject: [ModuleDatabase, Metrics, MessageTap, Tracing],
          useFactory: (db: ModuleDatabase, metrics: Metrics, tap: MessageTap, tracing: Tracing) =>
            new Inbox(
              db,
              (envelope) => metrics.handlerFailures.inc({ module: options.manifest.name, message: envelope.name }),
              tap,
              tracing,
              (_, outcome) => metrics.inboxMessages.inc({ module: options.manifest.name, outcome }),
            ),
        },
        {
          provide: DeliveryStateRetention,
          inject: [ModuleDatabase, AppConfig],
          useFactory: (db: ModuleDatabase, config: AppConfig) => new DeliveryStateRetention(db, config.retentionHours),
        },
        {
          provide: DeadLetterStore,
          inject: [ModuleDatabase, OutboxRelay, DeadLetterStores, Metrics],
          useFactory: (db: ModuleDatabase, relay: OutboxRelay, stores: DeadLetterStores, metrics: Metrics) => {
            const store = new DeadLetterStore(db, relay.wake);
            stores.register(options.manifest.name, store);
            metrics.addDeadLetterCount(options.manifest.name, () => store.count());
            return store;
          },
        },
        { provide: IdempotencyStore, inject: [ModuleDatabase], useFactory: (db: ModuleDatabase) => new IdempotencyStore(db) },
        {
          provide: UnitOfWork,
          inject: [ModuleDatabase, Outbox, IdempotencyStore],
          useFactory: (db: ModuleDatabase, outbox: Outbox, idempotency: IdempotencyStore) => new UnitOfWork(db, outbox, idempotency, options.integrationEvents ?? (() => [])),
        },
        {
          provide: CommandPipeline,
          inject: [ModuleRef, UnitOfWork],
          useFactory: (moduleRef: ModuleRef, unitOfWork: UnitOfWork) => new CommandPipeline(moduleRef, unitOfWork, options.useCases ?? []),
        },
        ModuleLifecycle,
      ],
      exports: [ModuleDatabase, BacklogBound, Outbox, Inbox, IdempotencyStore, UnitOfWork, OutboxRelay, DeliveryStateRetention, DeadLetterStore],
    };
  }
}

function secondsOfOldest(backlog: Map<string, OutboxBacklog>): Map<string, number> {
  return new Map([...backlog].map(([destination, { oldestAgeMs }]) => [destination, oldestAgeMs / 1000]));
}

function logsWarnings(level: string): boolean {
  return ['trace', 'debug', 'info', 'warn'].includes(level);
}
