import { DomainError } from '../../module-kit/errors/domain-error';
import { fromRemoteError } from './remote-errors';
import { RemoteHandlerFailure } from '../messaging/delivery-failure';

describe('fromRemoteError', () => {
  // Found by test/faults/process-kill.fault-spec.ts: a process killed while another waited on its answer
  // made that call a 500 instead of a 503 the client may retry.
  it.each([
    ['the TCP client, when the remote process dies mid-call', new Error('Connection closed')],
    // Found by test/faults/broker-load.fault-spec.ts, restarting NATS under load: it failed with a string.
    ['the NATS client, when the server goes away mid-call', 'Error: Connection lost. Trying to reconnect...'],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4103'), { code: 'ECONNREFUSED' })],
    ['a reset connection', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
  ])('answers MODULE_UNAVAILABLE (503) for %s', (_, error) => {
    const mapped = fromRemoteError('orders', error);

    expect(mapped).toBeInstanceOf(DomainError);
    expect((mapped as DomainError).code).toBe('MODULE_UNAVAILABLE');
  });

  it('keeps anything else an unexpected error', () => {
    expect(fromRemoteError('orders', new Error('boom'))).not.toBeInstanceOf(DomainError);
  });
});

describe('fromRemoteError, for a handler that failed in the other process', () => {
  // The relay must tell it from a module it could not reach: it counts towards dead-lettering the message.
  it('keeps the stable code of the answer, and stays an unexpected error (500), not a DomainError', () => {
    const mapped = fromRemoteError('payments', { code: 'REMOTE_HANDLER_FAILED', message: 'the remote module failed to handle the request' });

    expect(mapped).toBeInstanceOf(RemoteHandlerFailure);
    expect(mapped).not.toBeInstanceOf(DomainError);
    expect((mapped as RemoteHandlerFailure).code).toBe('REMOTE_HANDLER_FAILED');
  });
});
