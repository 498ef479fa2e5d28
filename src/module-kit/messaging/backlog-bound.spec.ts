import { DomainError } from '../errors/domain-error';
import { BacklogBound } from './backlog-bound';
import { OutboxBacklog } from '../../platform/messaging/outbox-rows';

/** A backlog the test sets, read the way the bound reads the outbox; counts the reads. */
class Backlog {
  reads = 0;
  current = new Map<string, OutboxBacklog>();
  set(destination: string, messages: number, oldestAgeMs: number): void {
    this.current.set(destination, { messages, oldestAgeMs });
  }
  read = async (): Promise<Map<string, OutboxBacklog>> => {
    this.reads += 1;
    return new Map(this.current);
  };
}

async function refusal(bound: BacklogBound): Promise<DomainError | undefined> {
  try {
    await bound.admit();
    return undefined;
  } catch (error) {
    return error as DomainError;
  }
}

describe('BacklogBound', () => {
  let backlog: Backlog;
  let clock: number;
  let shed: number;
  const bound = (maxAgeMs: number, maxMessages?: number) =>
    new BacklogBound('orders', { maxAgeMs, maxMessages }, backlog.read, () => (shed += 1), () => clock);

  beforeEach(() => {
    backlog = new Backlog();
    clock = 1_000_000;
    shed = 0;
  });

  it('admits everything without reading the outbox when both bounds are off', async () => {
    backlog.set('payments', 1_000_000, 3_600_000);
    expect(await refusal(bound(0))).toBeUndefined();
    expect(backlog.reads).toBe(0);
  });

  it('admits up to the count bound, per destination, and sheds from there with OVERLOADED (503)', async () => {
    const limited = bound(0, 5);
    backlog.set('orders', 9, 0);
    backlog.set('payments', 4, 0);
    // Only the destination past its bound counts: the 9 above are for another destination, bounded only by age.
    expect(await refusal(bound(0, 10))).toBeUndefined();
    expect(await refusal(limited)).toEqual(expect.objectContaining({ code: 'OVERLOADED', kind: 'unavailable' }));
    backlog.set('orders', 0, 0);
    clock += 150;
    expect(await refusal(limited)).toBeUndefined();
    backlog.set('payments', 5, 0);
    const error = await refusal(limited);
    expect(error?.code).toBe('OVERLOADED');
    expect(error?.message).toMatch(/5 messages waiting for payments/);
    expect(shed).toBe(2);
  });

  it('sheds while the oldest waiting message is older than the age bound', async () => {
    const aged = bound(500);
    backlog.set('payments', 1, 500);
    expect(await refusal(aged)).toBeUndefined();
    backlog.set('payments', 1, 501);
    expect((await refusal(aged))?.code).toBe('OVERLOADED');
  });

  it('reads again for each request while under the bound, so requests one after another stop exactly at it', async () => {
    const limited = bound(0, 3);
    for (let placed = 0; placed < 3; placed += 1) {
      expect(await refusal(limited)).toBeUndefined();
      backlog.set('payments', placed + 1, 0);
    }
    expect((await refusal(limited))?.code).toBe('OVERLOADED');
    expect(backlog.reads).toBe(4);
  });

  it('reuses a reading that says "over" for a moment, so shedding costs no query, then reads again', async () => {
    const limited = bound(0, 1);
    backlog.set('payments', 1, 0);
    expect((await refusal(limited))?.code).toBe('OVERLOADED');
    backlog.set('payments', 0, 0);
    expect((await refusal(limited))?.code).toBe('OVERLOADED');
    expect(backlog.reads).toBe(1);
    clock += 150;
    expect(await refusal(limited)).toBeUndefined();
    expect(backlog.reads).toBe(2);
    expect(shed).toBe(2);
  });
});
