import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';

/** How long a reply may still be on its way (a broker confirming it) after its handler has finished. */
const REPLY_SETTLE_MS = 250;

/**
 * Counts the transport requests being handled, so that shutdown waits (bounded) for them to finish, and
 * for their replies to leave, before the servers and databases close under them.
 */
@Injectable()
export class InFlightWork implements BeforeApplicationShutdown {
  private count = 0;
  private lastFinishedAt = 0;
  private idle: Array<() => void> = [];

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await work();
    } finally {
      this.lastFinishedAt = Date.now();
      if (--this.count === 0) this.idle.splice(0).forEach((resolve) => resolve());
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.count > 0) await Promise.race([new Promise<void>((resolve) => this.idle.push(resolve)), sleep(10_000)]);
    const sinceLast = Date.now() - this.lastFinishedAt;
    if (sinceLast < REPLY_SETTLE_MS) await sleep(REPLY_SETTLE_MS - sinceLast);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
