import { Ring } from '../observability/ring';
import { MessageSummary, summarize } from './message-summary';
import { MessageTap } from './message-tap';

const DEFAULT_CAPACITY = 500;

/**
 * The last messages seen passing through this process (see MessageTap), summarised as they arrive, so that a
 * dashboard in any process can show what every process of the shop is doing (asked over the transport as
 * spans are). Only summaries are kept: no payload, no error text.
 */
export class RecentMessages {
  private readonly ring: Ring<{ at: number; summary: MessageSummary }>;

  constructor(tap: MessageTap, capacity = DEFAULT_CAPACITY) {
    this.ring = new Ring(capacity);
    tap.messages$.subscribe((message) => this.ring.add({ at: message.at, summary: summarize(message) }));
  }

  /** Those seen after `afterEpochMs`, newest first, at most `limit`. */
  after(afterEpochMs: number, limit: number): MessageSummary[] {
    return this.ring
      .values()
      .filter((entry) => entry.at > afterEpochMs)
      .reverse()
      .slice(0, limit)
      .map((entry) => entry.summary);
  }
}
