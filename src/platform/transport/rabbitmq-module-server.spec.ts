import { Logger } from '@nestjs/common';
import { RmqContext } from '@nestjs/microservices';
import { RabbitMqModuleServer } from './rabbitmq-module-server';

describe('RabbitMqModuleServer', () => {
  // Found by test/faults/broker-load.fault-spec.ts, restarting RabbitMQ under load: a reply the broker had not
  // confirmed when it went away rejected with "channel closed", unhandled, and both processes of the shop died.
  it('logs a reply the broker lost instead of leaving its rejection unhandled', async () => {
    const server = new RabbitMqModuleServer({ urls: ['amqp://127.0.0.1:5672'], queue: 'shop.payments' }, 'shop.dead-letters');
    const channelClosed = new Error('channel closed');
    const sent: unknown[][] = [];
    // The broker's side of the channel, the one edge stood in for: it takes the reply, then loses it.
    Object.assign(server, { channel: { sendToQueue: (...args: unknown[]) => (sent.push(args), Promise.reject(channelClosed)) } });
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      server.sendMessage({ response: { ok: true }, isDisposed: true }, 'amq.rabbitmq.reply-to', 'call-1', new RmqContext([{}, {}, 'pattern']));
      await new Promise((resolve) => setTimeout(resolve, 20));

      expect(sent).toHaveLength(1);
      expect(JSON.parse((sent[0][1] as Buffer).toString())).toEqual({ response: { ok: true }, isDisposed: true });
      expect(sent[0][2]).toEqual({ correlationId: 'call-1' });
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('reply call-1 to amq.rabbitmq.reply-to was lost: channel closed'));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      warn.mockRestore();
    }
  });
});
