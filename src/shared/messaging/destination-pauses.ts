const FIRST_PAUSE_MS = 250;
const MAX_PAUSE_MS = 30_000;

/**
 * Destinations the relay found unavailable, each paused for a while that grows (with jitter) while it stays
 * unavailable: none of its rows is tried until then, so a module that is down is asked once per pause, not
 * once per waiting message. Kept in memory: a new sender starts by trying every destination.
 */
export class DestinationPauses {
  private readonly paused = new Map<string, { until: number; times: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Pauses `destination`; returns for how long. */
  pause(destination: string): number {
    const times = (this.paused.get(destination)?.times ?? 0) + 1;
    const ms = Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** Math.min(times - 1, 16)) * (0.75 + Math.random() / 2);
    this.paused.set(destination, { until: this.now() + ms, times });
    return ms;
  }

  /** The destination answered: its next unavailability starts from the shortest pause again. */
  clear(destination: string): void {
    this.paused.delete(destination);
  }

  isPaused(destination: string): boolean {
    return (this.paused.get(destination)?.until ?? 0) > this.now();
  }

  /** The destinations whose pause has not run out. */
  current(): string[] {
    return [...this.paused.keys()].filter((destination) => this.isPaused(destination));
  }
}
