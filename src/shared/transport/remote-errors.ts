import { TimeoutError } from 'rxjs';
import { DomainError, isSerializedDomainError } from '../errors/domain-error';
import { ModuleName } from '../config/module-name';

/**
 * Turns what a remote call failed with back into what the same call would have thrown in-process: the
 * module's DomainError, with its code, for business failures; MODULE_UNAVAILABLE (503) when the module
 * could not be reached or did not answer in time. Anything else stays an unexpected error (500).
 */
export function fromRemoteError(module: ModuleName, error: unknown): Error {
  if (isSerializedDomainError(error)) return DomainError.fromJSON(error);
  if (error instanceof TimeoutError) return unavailable(module, 'did not answer in time');
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
  const message = String((error as { message?: unknown })?.message ?? '');
  return /ECONNREFUSED|ECONNRESET|disconnected|not connected|CONNECTION_REFUSED|no responders|no subscribers|Empty response|Connection is closed/i.test(message);
}
