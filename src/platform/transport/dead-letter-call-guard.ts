import { DeadLetterSlice, MAX_DEAD_LETTER_SLICE } from '../messaging/dead-letter';
import { decodeCursor, encodeCursor } from '../../module-kit/pagination/page';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a request from the wire is a slice of dead letters a module can serve: a limit in range and, if
 * any, a position as a cursor holds it. Anything else would reach the database as a value of the wrong type.
 */
export function isDeadLetterSlice(value: unknown): value is DeadLetterSlice {
  const slice = value as Partial<DeadLetterSlice> | null;
  if (typeof slice !== 'object' || slice === null) return false;
  if (!Number.isInteger(slice.limit) || slice.limit! < 1 || slice.limit! > MAX_DEAD_LETTER_SLICE) return false;
  if (slice.before === undefined) return true;
  try {
    // The same checks as a cursor from HTTP: an instant as toISOString writes it and a uuid.
    return decodeCursor(encodeCursor(slice.before)) !== undefined;
  } catch {
    return false;
  }
}

/** Whether a request from the wire names one dead letter to replay. */
export function isReplayRequest(value: unknown): value is { id: string } {
  const request = value as { id?: unknown } | null;
  return typeof request === 'object' && request !== null && typeof request.id === 'string' && UUID.test(request.id);
}
