import { Logger } from '@nestjs/common';
import type { Channel, ConsumeMessage } from 'amqplib';

const logger = new Logger('DeadLetters');

/**
 * RabbitMQ: a refused message is copied, with the reason, to the deployment's dead-letter queue for a person
 * to look at, then acknowledged, so that it neither blocks the queue nor comes back. (The other transports
 * keep no messages: there the log line is the record.)
 */
export async function keepRefusedMessage(channel: Channel, message: ConsumeMessage, queue: string, reason: string): Promise<void> {
  try {
    await channel.assertQueue(queue, { durable: true });
    channel.sendToQueue(queue, message.content, {
      persistent: true,
      headers: { ...message.properties.headers, 'x-refused-reason': reason, 'x-refused-from': message.fields.routingKey },
    });
  } catch (error) {
    logger.error(`could not keep a refused message in ${queue}: ${(error as Error).message}`);
  } finally {
    channel.ack(message);
  }
}
