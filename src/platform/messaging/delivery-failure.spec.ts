import { RpcException } from '@nestjs/microservices';
import { BrokenCircuitError } from 'cockatiel';
import { DomainError } from '../../module-kit/errors/domain-error';
import { deadlinePassed } from '../resilience/remote-call-policy';
import { rethrowForTransport } from '../transport/module-rpc.controller';
import { fromRemoteError } from '../transport/remote-errors';
import { classifyDeliveryFailure } from './delivery-failure';
import { UnroutableMessageError } from '../../module-kit/messaging/inbox';
import { MessageEnvelope } from '../../module-kit/messaging/integration-message';

const envelope: MessageEnvelope = { id: 'm', name: 'Gone', version: 3, source: 'orders', destination: 'payments', occurredAt: '', payload: {}, headers: {} };

/** What the sender sees when the receiving process's inbox throws `error` (see rethrowForTransport). */
async function acrossTheWire(error: unknown): Promise<unknown> {
  try {
    await rethrowForTransport(() => Promise.reject(error));
  } catch (sent) {
    return fromRemoteError('payments', (sent as RpcException).getError());
  }
  throw new Error('rethrowForTransport let the failure through');
}

describe('classifyDeliveryFailure', () => {
  it.each([
    ['a handler that threw', new Error('boom'), 'handler-failed'],
    ['a handler that threw a business error', new DomainError('ORDER_NOT_FOUND', 'not_found', 'no such order'), 'handler-failed'],
    ['a message no handler accepts', new UnroutableMessageError(envelope), 'unroutable'],
    ["the consumer's database, unavailable", Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 'unavailable'],
    ['a module the handler needs, unavailable', new DomainError('MODULE_UNAVAILABLE', 'unavailable', 'try again'), 'unavailable'],
  ])('tells %s, in this process and across a transport alike', async (_, error, expected) => {
    expect(classifyDeliveryFailure(error, true)).toBe(expected);
    expect(classifyDeliveryFailure(await acrossTheWire(error), false)).toBe(expected);
  });

  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4103'), { code: 'ECONNREFUSED' })],
    ['no answer in time', deadlinePassed(1500)],
    ['an open circuit', new BrokenCircuitError()],
    ['a transport failure of an unknown shape', new Error('something odd on the wire')],
  ])('counts %s, on the way to another process, as the consumer unavailable', (_, error) => {
    expect(classifyDeliveryFailure(fromRemoteError('payments', error), false)).toBe('unavailable');
  });

  it('gives a remote handler failure a stable code on the wire', async () => {
    let sent: unknown;
    await rethrowForTransport(() => Promise.reject(new Error('boom'))).catch((error: RpcException) => (sent = error.getError()));
    expect(sent).toEqual({ code: 'REMOTE_HANDLER_FAILED', message: 'the remote module failed to handle the request' });
  });
});
