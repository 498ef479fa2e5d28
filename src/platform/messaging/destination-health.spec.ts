import { DestinationHealth } from './destination-health';

describe('DestinationHealth', () => {
  let now = 0;
  const health = () => new DestinationHealth(8, () => now);
  beforeEach(() => (now = 1_000_000));

  it('pauses an unavailable destination longer each time it is found unavailable again', () => {
    const destinations = health();
    const first = destinations.unavailable('payments');
    expect(destinations.isPaused('payments')).toBe(true);
    now += first;
    expect(destinations.isPaused('payments')).toBe(false);
    expect(destinations.unavailable('payments')).toBeGreaterThan(first);
  });

  // Found by the orders saga over NATS: eight deliveries failing together made the pause 32 s long.
  it('does not lengthen the pause for deliveries that fail within it: they belong to the same outage', () => {
    const destinations = health();
    const first = destinations.unavailable('payments');
    for (let i = 0; i < 7; i++) expect(destinations.unavailable('payments')).toBeLessThanOrEqual(first);
  });

  it('lets one key of a destination that was unavailable be in flight, then one more per answer, up to the limit', () => {
    const destinations = health();
    expect(destinations.allowance('payments')).toBe(8);
    destinations.unavailable('payments');
    expect(destinations.allowance('payments')).toBe(1);
    destinations.answered('payments');
    expect(destinations.isPaused('payments')).toBe(false);
    expect(destinations.allowance('payments')).toBe(2);
    for (let i = 0; i < 10; i++) destinations.answered('payments');
    expect(destinations.allowance('payments')).toBe(8);
    expect(destinations.spared()).toEqual([]);
  });

  it('keeps destinations apart', () => {
    const destinations = health();
    destinations.unavailable('payments');
    expect(destinations.isPaused('orders')).toBe(false);
    expect(destinations.allowance('orders')).toBe(8);
    expect(destinations.spared()).toEqual(['payments']);
  });
});
