import { isDatabaseUnavailable } from '../../module-kit/database/postgres-errors';
import { UnroutableMessageError } from '../../module-kit/messaging/inbox';

/** The code on the wire of a message (or call) whose handler failed in the process that received it. */
export const REMOTE_HANDLER_FAILED = 'REMOTE_HANDLER_FAILED';
/** The code on the wire of a message that no handler of the receiving module accepts. */
export const MESSAGE_UNROUTABLE = 'MESSAGE_UNROUTABLE';

/** Another process received the message (or call) and its handler failed: the remote module works. */
export class RemoteHandlerFailure extends Error {
  readonly code = REMOTE_HANDLER_FAILED;

  constructor(module: string) {
    super(`the ${module} module failed to handle the request`);
    this.name = 'RemoteHandlerFailure';
  }
}

/**
 * What a failed delivery means for the relay:
 * - `handler-failed`: the consumer received the message and its handler failed: an attempt, counted towards
 *   dead-lettering;
 * - `unroutable`: the consumer has no handler for that name and version: no retry can help;
 * - `unavailable`: the consumer was not reached (down, circuit open, no answer in time) or cannot work right now
 *   (its database, or a module it needs, is unavailable): retried for ever, never counted.
 */
export type DeliveryFailure = 'handler-failed' | 'unroutable' | 'unavailable';

export function classifyDeliveryFailure(error: unknown, deliveredLocally: boolean): DeliveryFailure {
  const { code, kind } = (error ?? {}) as { code?: unknown; kind?: unknown };
  if (error instanceof UnroutableMessageError || code === MESSAGE_UNROUTABLE) return 'unroutable';
  if (kind === 'unavailable' || isDatabaseUnavailable(error)) return 'unavailable';
  // In this process, anything else is the handler's own failure.
  if (deliveredLocally) return 'handler-failed';
  // From another process, only an answer shows that the message arrived: its own code, or a DomainError.
  if (code === REMOTE_HANDLER_FAILED || (typeof code === 'string' && typeof kind === 'string')) return 'handler-failed';
  return 'unavailable';
}
