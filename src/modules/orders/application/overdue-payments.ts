/** The orders still waiting for payments past their deadline, in either saga style. */
export abstract class OverduePayments {
  /** At most `limit` order ids, the longest overdue first. */
  abstract orderIds(now: Date, limit: number): Promise<string[]>;
}
