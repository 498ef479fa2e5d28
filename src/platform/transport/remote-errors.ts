import { TimeoutError } from 'rxjs';
import { DomainError, isSerializedDomainError } from '../../module-kit/errors/domain-error';
import { ModuleName } from '../../module-kit/config/module-name';
import { refusalReason } from '../resilience/remote-call-policy';
import { REMOTE_HANDLER_FAILED, RemoteHandlerFailure } from '../messaging/delivery-failure';

/**
 * Turns what a remote call failed with back into what the same call would have thrown in-process: the
 * module's DomainError, with its code, for business failures; MODULE_UNAVAILABLE (503) when the module
 * could not be reached, did not answer in time, or its circuit breaker or bulkhead refused the call; a
 * RemoteHandlerFailure when the module received the call or message and its handler failed unexpectedly.
 * Anything else stays an unexpected error (500); so does a RemoteHandlerFailure, at the HTTP edge.
 */
export function fromRemoteError(module: ModuleName, error: unknown): Error {
  if (isSerializedDomainError(error)) return DomainError.fromJSON(error);
  if (isRemoteHandlerFailure(error)) return new RemoteHandlerFailure(module);
  if (error instanceof TimeoutError) return unavailable(module, 'did not answer in time');
  const refused = refusalReason(error);
  if (refused) return unavailable(module, refused);
  if (isConnectionError(error)) return unavailable(module, 'cannot be reached');
  const message = (error as { message?: unknown })?.message;
  return new Error(`remote call to ${module} failed: ${typeof message === 'string' ? message : JSON.stringify(error)}`);
}

function unavailable(module: ModuleName, why: string): DomainError {
  return new DomainError('MODULE_UNAVAILABLE', 'unavailable', `The ${module} module ${why}; try again shortly.`);
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'CONNECTION_REFUSED']);

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown; err?: { code?: unknown } })?.code ?? (error as { err?: { code?: unknown } })?.err?.code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  // The NATS client fails the calls in flight with a plain string, not an Error, when the server goes away.
  const message = typeof error === 'string' ? error : String((error as { message?: unknown })?.message ?? '');
  // "Connection closed": how the TCP and Redis clients fail the calls in flight when the module's process dies;
  // "Connection lost": how the NATS client does when the server restarts.
  return /ECONNREFUSED|ECONNRESET|disconnected|not connected|CONNECTION_REFUSED|connection refused|no responders|no subscribers|Empty response|Connection (?:is )?closed|Connection lost/i.test(message);
}

/** The answer of a module whose handler failed (see rethrowForTransport): it was reached and works. */
export function isRemoteHandlerFailure(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === REMOTE_HANDLER_FAILED;
}
