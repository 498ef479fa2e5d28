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

export function decodeCursor(cursor: string | undefined): CursorPosition | undefined {
  if (cursor === undefined) return undefined;
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(createdAt))) return { createdAt, id };
  } catch {
    // falls through to the error below
  }
  throw new DomainError('INVALID_CURSOR', 'invalid', 'The cursor is not one this API returned.');
}

/**
 * Builds a page from rows fetched with `limit + 1`: the extra row only tells that there is a next page.
 */
export function toPage<TRow, TItem>(rows: TRow[], limit: number, position: (row: TRow) => CursorPosition, map: (row: TRow) => TItem): Page<TItem> {
  const items = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  return { items: items.map(map), nextCursor: hasMore ? encodeCursor(position(items[items.length - 1])) : null };
}
