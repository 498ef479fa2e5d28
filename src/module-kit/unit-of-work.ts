import { AsyncLocalStorage } from 'node:async_hooks';
import { AggregateRoot, IEvent } from '@nestjs/cqrs';
import { ModuleDatabase } from './database/module-database';
import { IdempotencyStore } from './idempotency/idempotency-store';
import { IntegrationMessage } from './messaging/integration-message';
import { MessageVersions } from './messaging/message-versions';
import { Outbox } from './messaging/outbox';

/** What a module tells other modules about one of its domain events: nothing, or one message or more. */
export type IntegrationEventMapper = (event: IEvent) => Array<IntegrationMessage | MessageVersions>;

/** The idempotency key a command carries (an Idempotency-Key header), under the scope and request it guards. */
export interface IdempotencyClaim {
  scope: string;
  key: string | undefined;
  request: unknown;
}

/** A command safe to retry: the unit of work stores its answer under its key and replays it. */
export interface IdempotentCommand {
  readonly idempotency: IdempotencyClaim;
}

function idempotencyOf(command: object): IdempotencyClaim | undefined {
  const claim = (command as Partial<IdempotentCommand>).idempotency;
  return claim?.key === undefined ? undefined : claim;
}

/**
 * One module's unit of work: everything a use case changes commits together, or nothing does. It opens the
 * module's transaction (or joins the one already open, an inbox's), claims the command's idempotency key,
 * runs the use case, and before the commit writes to the outbox the integration messages that the domain
 * events of every aggregate saved meanwhile map to. A rolled-back use case leaves no message behind; a
 * committed one is delivered even if the process dies right after.
 */
export class UnitOfWork {
  private readonly saved = new AsyncLocalStorage<Set<AggregateRoot>>();

  constructor(
    private readonly db: ModuleDatabase,
    private readonly outbox: Outbox,
    private readonly idempotency: IdempotencyStore,
    private readonly toMessages: IntegrationEventMapper,
  ) {}

  /**
   * Repositories call this when they save an aggregate: the events it recorded go out with the commit.
   * Outside a unit of work (a script, a test of the repository) there is nothing to publish them with.
   */
  track(aggregate: AggregateRoot): void {
    const saved = this.saved.getStore();
    if (!saved) throw new Error(`${aggregate.constructor.name} saved outside a unit of work: its events would be lost`);
    saved.add(aggregate);
  }

  /**
   * Runs `work` for `command`. A command whose idempotency key was seen before gets the stored answer back
   * without running; `validate` runs before the transaction opens, so that a slow check (a call to another
   * module) does not hold this module's connection.
   */
  async run<T>(command: object, work: () => Promise<T>, validate?: () => Promise<void>): Promise<T> {
    const claim = idempotencyOf(command);
    if (claim) {
      const previous = await this.idempotency.previous<T>(claim.scope, claim.key, claim.request);
      if (previous !== undefined) return previous;
    }
    await validate?.();
    const inScope = () => this.saved.run(new Set(), () => this.publishingEvents(work));
    return claim ? this.idempotency.once(claim.scope, claim.key, claim.request, inScope) : this.db.transaction(inScope);
  }

  private async publishingEvents<T>(work: () => Promise<T>): Promise<T> {
    const result = await work();
    const messages = [...this.saved.getStore()!].flatMap((aggregate) => {
      const events = [...aggregate.getUncommittedEvents()];
      aggregate.uncommit();
      return events.flatMap(this.toMessages);
    });
    // Nothing to say, nothing written: the relay is not woken for a change no one hears of.
    if (messages.length > 0) await this.outbox.publish(...messages);
    return result;
  }
}
