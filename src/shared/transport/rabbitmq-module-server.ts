import { Logger } from '@nestjs/common';
import { RmqContext, ServerRMQ } from '@nestjs/microservices';

/**
 * Nest's RabbitMQ server, except for how a reply is sent. Nest hands the reply to the channel and drops the
 * promise it gets back; when the broker goes away before confirming that reply, the promise rejects with
 * "channel closed" and, unhandled, ends the whole process. Here the lost reply is logged instead: the
 * caller's call times out (reads are retried, writes are answered 503), the message was already
 * acknowledged on receipt, and the process stays up to reconnect.
 */
export class RabbitMqModuleServer extends ServerRMQ {
  private readonly replyLogger = new Logger('RabbitMqModuleServer');

  override sendMessage<T>(message: T, replyTo: string, correlationId: string, context: RmqContext): void {
    const { options, ...reply } = this.serializer.serialize(message as never) as { options?: object };
    this.onProcessingEndHook?.(this.transportId, context);
    this.channel
      ?.sendToQueue(replyTo, Buffer.from(JSON.stringify(reply)), { correlationId, ...options })
      .catch((error: Error) => this.replyLogger.warn(`reply ${correlationId} to ${replyTo} was lost: ${error.message}`));
  }
}
