import { BacklogLimits } from '../config/app-config';
import { DomainError } from '../errors/domain-error';
import { OutboxBacklog } from '../../platform/messaging/outbox-rows';

/** How long a reading that says "over the bound" is trusted: refusing must cost no query while overloaded. */
const OVER_READING_TTL_MS = 150;

/**
 * Sheds new work while a module's outbox is behind: asked by a command that starts work the module cannot
 * finish on its own (placing an order hands its payment to another module through the outbox). Past the
 * bound it throws OVERLOADED (503 with Retry-After), so the client retries later instead of joining a queue
 * that settles minutes after it was accepted.
 *
 * The backlog is read from the outbox table itself, per destination (each destination drains on its own): so
 * every replica sees the same, and nothing counted in memory can drift from the rows. A reading that says
 * "under" is never reused (the next request reads again, so requests one after the other are admitted
 * exactly up to the bound); one that says "over" is reused for a moment, so shedding stays cheap. Requests
 * racing each other can pass the bound together: it bounds the lag, it is not an exact quota.
 */
export class BacklogBound {
  private overUntil = 0;
  private lastRefusal: DomainError | undefined;

  constructor(
    private readonly module: string,
    private readonly limits: BacklogLimits,
    private readonly readBacklog: () => Promise<Map<string, OutboxBacklog>>,
    private readonly onShed: () => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.limits.maxAgeMs > 0 || this.limits.maxMessages !== undefined;
  }

  /** Returns when the module may take new work; throws OVERLOADED when its backlog is past the bound. */
  async admit(): Promise<void> {
    if (!this.enabled) return;
    if (this.now() < this.overUntil && this.lastRefusal) return this.shed(this.lastRefusal);
    const refusal = this.refusalFor(await this.readBacklog());
    if (!refusal) return;
    this.overUntil = this.now() + OVER_READING_TTL_MS;
    this.lastRefusal = refusal;
    this.shed(refusal);
  }

  private refusalFor(backlog: Map<string, OutboxBacklog>): DomainError | undefined {
    const { maxAgeMs, maxMessages } = this.limits;
    for (const [destination, { messages, oldestAgeMs }] of backlog) {
      const tooMany = maxMessages !== undefined && messages >= maxMessages;
      const tooOld = maxAgeMs > 0 && oldestAgeMs > maxAgeMs;
      if (tooMany || tooOld) return overloaded(this.module, destination, messages, oldestAgeMs);
    }
    return undefined;
  }

  private shed(refusal: DomainError): never {
    this.onShed();
    throw refusal;
  }
}

function overloaded(module: string, destination: string, messages: number, oldestAgeMs: number): DomainError {
  const age = (oldestAgeMs / 1000).toFixed(1);
  return new DomainError(
    'OVERLOADED',
    'unavailable',
    `The ${module} module is behind (${messages} messages waiting for ${destination}, the oldest for ${age} s) and takes no new work until it catches up; try again after Retry-After.`,
  );
}
