import { ModuleDatabase } from '../database/module-database';
import { IntegrationMessage, MessageEnvelope, messageKey, MessageType } from './integration-message';

export type MessageHandler<TPayload extends object> = (message: IntegrationMessage<TPayload>, envelope: MessageEnvelope) => Promise<void>;

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
  ) {}

  on<TPayload extends object>(type: MessageType<TPayload>, handle: MessageHandler<TPayload>): this {
    this.handlers.set(messageKey(type.messageName, type.version), { type, handle: handle as MessageHandler<object> });
    return this;
  }

  handles(type: MessageType): boolean {
    return this.handlers.has(messageKey(type.messageName, type.version));
  }

  /** Resolves once the message is handled (now or before); rejects if it must be delivered again. */
  async receive(envelope: MessageEnvelope): Promise<'handled' | 'duplicate'> {
    const handler = this.handlers.get(messageKey(envelope.name, envelope.version));
    if (!handler) throw new UnroutableMessageError(envelope);

    try {
      return await this.handle(handler, envelope);
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
