import { DomainError } from '../errors/domain-error';

/** One page of a list: the items and an opaque cursor for the next page (null on the last one). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

/** Where a keyset-paginated list (newest first) stopped: the last item's timestamp and id. */
export interface CursorPosition {
  createdAt: string;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads a cursor back, accepting only what encodeCursor writes: an instant as Date#toISOString() gives it
 * and an id that `isId` accepts (a UUID unless told otherwise). Anything else would reach the database as
 * a value of the wrong type and fail there instead of being refused here.
 */
export function decodeCursor(cursor: string | undefined, isId: (id: string) => boolean = (id) => UUID.test(id)): CursorPosition | undefined {
  if (cursor === undefined) return undefined;
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && typeof id === 'string' && isIsoInstant(createdAt) && isId(id)) return { createdAt, id };
  } catch {
    // falls through to the error below
  }
  throw new DomainError('INVALID_CURSOR', 'invalid', 'The cursor is not one this API returned.');
}

/** 0001-01-01 to 9999-12-31 in Date#toISOString()'s own form, which PostgreSQL reads as a timestamptz. */
function isIsoInstant(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) || value.startsWith('0000')) return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString() === value;
}

/**
 * Builds a page from rows fetched with `limit + 1`: the extra row only tells that there is a next page.
 */
export function toPage<TRow, TItem>(rows: TRow[], limit: number, position: (row: TRow) => CursorPosition, map: (row: TRow) => TItem): Page<TItem> {
  const items = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  return { items: items.map(map), nextCursor: hasMore ? encodeCursor(position(items[items.length - 1])) : null };
}
