import { Logger } from '@nestjs/common';
import { RmqContext, RmqOptions, ServerRMQ } from '@nestjs/microservices';
import { NO_MESSAGE_HANDLER } from '@nestjs/microservices/constants';
import type { Channel, ConsumeMessage } from 'amqplib';
import { keepRefusedMessage } from './rabbitmq-dead-letters';

/**
 * Nest's RabbitMQ server with two changes, both about what Nest would otherwise lose:
 * - A message whose pattern no handler of this module answers (or that is not a Nest packet at all) is kept in
 *   the deployment's dead-letter queue with the reason, where Nest would reject it into nothing; a call still
 *   gets Nest's "no matching message handler" answer.
 * - A reply the broker loses (it went away before confirming it) is logged. Nest drops the promise of the
 *   reply, and its rejection ("channel closed"), unhandled, ended the whole process. The call times out for
 *   its caller (reads are retried, writes answered 503); the process stays up to reconnect.
 */
export class RabbitMqModuleServer extends ServerRMQ {
  private readonly serverLogger = new Logger('RabbitMqModuleServer');

  constructor(
    options: Required<RmqOptions>['options'],
    private readonly deadLetterQueue: string,
  ) {
    super(options);
  }

  // Nest types the message loosely; amqplib hands it a ConsumeMessage (null when the broker cancels the consumer).
  override async handleMessage(received: Record<string, unknown> | null, channel: Channel): Promise<void> {
    if (!received) return;
    const message = received as unknown as ConsumeMessage;
    const packet = readPacket(message.content);
    if (packet && this.getHandlerByPattern(this.getPatternAsString(packet.pattern))) return super.handleMessage(message, channel);

    const reason = packet ? `no handler for pattern ${JSON.stringify(packet.pattern)?.slice(0, 200)}` : 'not a message this server can read';
    this.serverLogger.warn(`refused a message from ${message.fields.routingKey}: ${reason}`);
    await keepRefusedMessage(channel, message, this.deadLetterQueue, reason);
    const { replyTo, correlationId } = message.properties;
    if (packet?.id !== undefined && replyTo) {
      this.sendMessage({ id: packet.id, err: NO_MESSAGE_HANDLER, status: 'error' }, replyTo, correlationId, new RmqContext([message, channel, String(packet.pattern)]));
    }
  }

  override sendMessage<T>(message: T, replyTo: string, correlationId: string, context: RmqContext): void {
    const { options, ...reply } = this.serializer.serialize(message as never) as { options?: object };
    this.onProcessingEndHook?.(this.transportId, context);
    this.channel
      ?.sendToQueue(replyTo, Buffer.from(JSON.stringify(reply)), { correlationId, ...options })
      .catch((error: Error) => this.serverLogger.warn(`reply ${correlationId} to ${replyTo} was lost: ${error.message}`));
  }
}

/** The `{ pattern, data, id? }` packet Nest's clients send, or undefined for anything else. */
function readPacket(content: Buffer): { pattern: unknown; id?: unknown } | undefined {
  try {
    const packet: unknown = JSON.parse(content.toString());
    return packet !== null && typeof packet === 'object' && 'pattern' in packet ? (packet as { pattern: unknown; id?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}
