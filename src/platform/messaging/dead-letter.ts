import { ModuleName } from '../../module-kit/config/module-name';
import { CursorPosition } from '../../module-kit/pagination/page';

/**
 * A message its producer gave up on: the outbox row that kept failing, moved aside with its last error so
 * that it holds back nothing. Plain data with ISO instants: it crosses the transport as it is.
 */
export interface DeadLetter {
  id: string;
  /** The module whose outbox produced the message, and whose `dead_letters` table holds it. */
  module: ModuleName;
  /** The module that kept failing to handle it. */
  destination: ModuleName;
  name: string;
  version: number;
  messageId: string;
  orderingKey: string;
  attempts: number;
  lastError: string;
  occurredAt: string;
  deadLetteredAt: string;
  payload: object;
}

/** The largest slice a module serves: a page of the admin API (at most 100) and one more to tell that there is a next. */
export const MAX_DEAD_LETTER_SLICE = 101;

/** One module's dead letters, newest first: at most `limit` of them, older than `before` when given. */
export interface DeadLetterSlice {
  limit: number;
  before?: CursorPosition;
}

/** A module's answer to a slice: the dead letters and how many it holds in all. */
export interface DeadLetterSliceAnswer {
  items: DeadLetter[];
  total: number;
}

/** What one module's dead letters can be asked: the same whether the module is hosted here or elsewhere. */
export interface DeadLetterSource {
  list(slice: DeadLetterSlice): Promise<DeadLetterSliceAnswer>;
  /** Puts the dead letter back into the outbox; undefined when this module has none with that id. */
  replay(id: string): Promise<DeadLetter | undefined>;
}

/** The position of a dead letter in the newest-first order: what a cursor remembers. */
export function positionOf(deadLetter: DeadLetter): CursorPosition {
  return { createdAt: deadLetter.deadLetteredAt, id: deadLetter.id };
}

/** Newest first, and by id (descending, as PostgreSQL orders uuids) between letters of the same millisecond. */
export function newestFirst(a: DeadLetter, b: DeadLetter): number {
  if (a.deadLetteredAt !== b.deadLetteredAt) return a.deadLetteredAt < b.deadLetteredAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
