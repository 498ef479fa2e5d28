import { MessageEnvelope } from '../../module-kit/messaging/integration-message';
import { MessageTap } from './message-tap';
import { RecentMessages } from './recent-messages';

const envelope = (id: string): MessageEnvelope => ({
  id,
  name: 'orders.OrderPlaced',
  version: 1,
  source: 'orders',
  destination: 'orders',
  occurredAt: '2026-01-01T00:00:00.000Z',
  payload: { orderId: `order-${id}`, email: 'ada@example.com' },
  headers: {},
});

describe('RecentMessages', () => {
  it('keeps what the tap records, summarised, and answers those after an instant, newest first', () => {
    const tap = new MessageTap();
    const recent = new RecentMessages(tap);
    const before = Date.now() - 1;
    tap.record('delivered', envelope('m-1'));
    tap.record('handled', envelope('m-1'));
    tap.record('failed', envelope('m-2'), { failure: 'unavailable', attempts: 0 });

    const seen = recent.after(before, 10);

    expect(seen.map((message) => [message.stage, message.messageId])).toEqual([
      ['failed', 'm-2'],
      ['handled', 'm-1'],
      ['delivered', 'm-1'],
    ]);
    expect(JSON.stringify(seen)).not.toContain('ada@example.com');
    expect(recent.after(Date.now() + 1000, 10)).toEqual([]);
    expect(recent.after(before, 2)).toHaveLength(2);
  });

  it('forgets the oldest beyond its capacity', () => {
    const tap = new MessageTap();
    const recent = new RecentMessages(tap, 3);
    for (const id of ['a', 'b', 'c', 'd', 'e']) tap.record('delivered', envelope(id));

    expect(recent.after(0, 10).map((message) => message.messageId)).toEqual(['e', 'd', 'c']);
  });
});
