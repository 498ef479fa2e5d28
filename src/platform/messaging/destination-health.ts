const FIRST_PAUSE_MS = 250;
const MAX_PAUSE_MS = 30_000;

/**
 * What the relay knows of each destination it sends to, to spare one that struggles:
 * - unavailable (not reached, no answer in time): paused for a while that grows, with jitter, while it stays
 *   unavailable; none of its rows is tried until then, so a module that is down is asked once per pause, not
 *   once per waiting message. Deliveries that were already in flight when it failed, and fail too, belong to
 *   the same outage: they do not make the pause longer;
 * - how many of its keys may be in flight: one after it was unavailable, one more after each delivery it
 *   takes, up to the relay's limit. A module too slow to answer several at once in time (and so seen as
 *   unavailable) settles at what it can take, rather than timing out, and opening its circuit breaker for
 *   every caller of the process, again and again.
 * Kept in memory: a new sender starts by trusting every destination.
 */
export class DestinationHealth {
  private readonly states = new Map<string, { pausedUntil: number; pauses: number; allowance: number }>();

  constructor(
    private readonly maxInFlight: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The destination could not be reached; returns how long it is paused from now. */
  unavailable(destination: string): number {
    const state = this.states.get(destination) ?? { pausedUntil: 0, pauses: 0, allowance: this.maxInFlight };
    state.allowance = 1;
    if (state.pausedUntil > this.now()) return state.pausedUntil - this.now();
    state.pauses++;
    const ms = Math.round(Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** Math.min(state.pauses - 1, 16)) * (0.75 + Math.random() / 2));
    state.pausedUntil = this.now() + ms;
    this.states.set(destination, state);
    return ms;
  }

  /** The destination answered (its handler may have failed: it was reached all the same). */
  answered(destination: string): void {
    const state = this.states.get(destination);
    if (!state) return;
    state.pauses = 0;
    state.pausedUntil = 0;
    state.allowance++;
    if (state.allowance >= this.maxInFlight) this.states.delete(destination);
  }

  isPaused(destination: string): boolean {
    return (this.states.get(destination)?.pausedUntil ?? 0) > this.now();
  }

  /** The destinations that are paused or held to fewer keys in flight than the relay's limit. */
  spared(): string[] {
    return [...this.states.keys()];
  }

  /** How many of its keys may be in flight at once now. */
  allowance(destination: string): number {
    return this.states.get(destination)?.allowance ?? this.maxInFlight;
  }
}
