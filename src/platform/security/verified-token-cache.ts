import { Actor } from '../../module-kit/security/actor';

interface Entry {
  actor: Actor;
  /** The token's `exp`, seconds since the epoch. */
  exp: number;
}

/**
 * The actors of tokens already verified, keyed by the whole token (signature included: a token that differs by
 * one byte is another key, and is verified). Clients send the same token on every request, and its HMAC and
 * JSON parsing were a steady share of an authenticated request's CPU. An entry is used only while the token is
 * unexpired by the rule jsonwebtoken applies (valid while the current whole second is below `exp`), so a
 * token is never accepted past its exp; tokens with `nbf` are not kept (verifying them again is exact).
 * Bounded: the oldest entry goes when it is full.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly capacity = 10_000,
    private readonly nowMs: () => number = Date.now,
  ) {}

  get(token: string): Actor | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (Math.floor(this.nowMs() / 1000) >= entry.exp) {
      this.entries.delete(token);
      return undefined;
    }
    return { ...entry.actor };
  }

  set(token: string, actor: Actor, exp: number): void {
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { actor: { ...actor }, exp });
  }

  get size(): number {
    return this.entries.size;
  }
}
