import { VerifiedTokenCache } from './verified-token-cache';

describe('VerifiedTokenCache', () => {
  const actor = { id: 'c-1', role: 'customer' as const };

  it('keeps an actor until the whole second reaches exp, as jsonwebtoken counts it', () => {
    let now = 1_000_000;
    const cache = new VerifiedTokenCache(10, () => now);
    cache.set('t', actor, 1_001);
    expect(cache.get('t')).toEqual(actor);
    now = 1_000_999;
    expect(cache.get('t')).toEqual(actor);
    now = 1_001_000;
    expect(cache.get('t')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('drops the oldest entry when full', () => {
    const cache = new VerifiedTokenCache(2, () => 0);
    cache.set('a', actor, 10);
    cache.set('b', actor, 10);
    cache.set('c', actor, 10);
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map(Boolean)).toEqual([false, true, true]);
  });
});
