import { Logger } from '@nestjs/common';
import { ModuleDatabase } from '../database/module-database';
import { IntegrationMessage, MessageEnvelope, messageKey, MessageType } from './integration-message';
import { MessageTap } from '../../platform/messaging/message-tap';
import { versionsIn } from './message-versions';
import { SpanKind } from '@opentelemetry/api';
import { extractTraceContext } from '../../platform/observability/tracing/trace-context';
import { Tracing, withSpan } from '../../platform/observability/tracing/tracing';
import { runAs } from '../../platform/observability/calling-module';

export type MessageHandler<TPayload extends object> = (message: IntegrationMessage<TPayload>, envelope: MessageEnvelope) => Promise<void>;

const logger = new Logger('Inbox');

/** A message that no handler of this module accepts: retrying it cannot help. */
export class UnroutableMessageError extends Error {
  constructor(envelope: MessageEnvelope) {
    super(`module ${envelope.destination} has no handler for ${messageKey(envelope.name, envelope.version)}`);
    this.name = 'UnroutableMessageError';
  }
}

/**
 * Receives the messages addressed to one module and hands each to its handler exactly once: the message id
 * is recorded in the module's inbox in the same transaction as the handler's own changes, so a redelivery
 * finds it there and is acknowledged without a second effect.
 */
export class Inbox {
  private readonly handlers = new Map<string, { type: MessageType; handle: MessageHandler<object> }>();

  constructor(
    private readonly db: ModuleDatabase,
    private readonly onHandlerFailure: (envelope: MessageEnvelope) => void = () => undefined,
    private readonly tap?: MessageTap,
    private readonly tracing?: Tracing,
    private readonly onReceived: (envelope: MessageEnvelope, outcome: 'handled' | 'duplicate') => void = () => undefined,
  ) {}

  on<TPayload extends object>(type: MessageType<TPayload>, handle: MessageHandler<TPayload>): this {
    this.handlers.set(messageKey(type.messageName, type.version), { type, handle: handle as MessageHandler<object> });
    return this;
  }

  handles(type: MessageType): boolean {
    return this.handlers.has(messageKey(type.messageName, type.version));
  }

  /**
   * Resolves once the message is handled (now or before); rejects if it must be delivered again. Runs in a
   * consumer span whose parent is the producer span carried in the message's headers, not whatever was
   * active here (the relay may have been woken by another request).
   */
  receive(envelope: MessageEnvelope): Promise<'handled' | 'duplicate'> {
    const attributes = { 'messaging.system': 'outbox', 'messaging.message.id': envelope.id, 'shop.message.source': envelope.source, 'shop.message.destination': envelope.destination };
    return withSpan(
      this.tracing,
      `handle ${envelope.name}`,
      { kind: SpanKind.CONSUMER, attributes },
      async (span) => {
        const outcome = await this.receiveOnce(envelope);
        span?.setAttribute('shop.message.outcome', outcome);
        logger.debug(`${envelope.destination} ${outcome === 'handled' ? 'handled' : 'had already handled'} ${envelope.name} ${envelope.id} from ${envelope.source}`);
        return outcome;
      },
      extractTraceContext(envelope.headers),
    );
  }

  private async receiveOnce(received: MessageEnvelope): Promise<'handled' | 'duplicate'> {
    // The newest version of the message that this module handles, of those the envelope holds (MessageVersions).
    const version = versionsIn(received).find((v) => this.handlers.has(messageKey(received.name, v.version)));
    if (!version) throw new UnroutableMessageError(received);
    const handler = this.handlers.get(messageKey(received.name, version.version))!;
    const envelope = { ...received, ...version };

    try {
      // The handler is this module's code: the ports it calls count this module as their caller.
      const outcome = await runAs(this.db.module, () => this.handle(handler, envelope));
      if (outcome === 'handled') this.tap?.record('handled', envelope);
      this.onReceived(envelope, outcome);
      return outcome;
    } catch (error) {
      this.onHandlerFailure(envelope);
      throw error;
    }
  }

  private handle(handler: { type: MessageType; handle: MessageHandler<object> }, envelope: MessageEnvelope): Promise<'handled' | 'duplicate'> {
    return this.db.transaction(async (manager) => {
      const recorded: unknown[] = await manager.query(
        `INSERT INTO "${this.db.module}".inbox (message_id, name, source) VALUES ($1, $2, $3)
         ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
        [envelope.id, envelope.name, envelope.source],
      );
      if (recorded.length === 0) return 'duplicate';
      // Rebuilt as an instance of its class: handlers and buses route by class, not by JSON shape.
      await handler.handle(new handler.type(envelope.payload), envelope);
      return 'handled';
    });
  }
}
