import { MessageEnvelope } from '../shared/messaging/integration-message';
import { toView } from './live-events';

const envelope = (payload: object, headers: Record<string, string> = {}): MessageEnvelope => ({
  id: 'm-1',
  name: 'orders.OrderPlaced',
  version: 1,
  source: 'orders',
  destination: 'payments',
  occurredAt: '2026-01-01T00:00:00.000Z',
  payload,
  headers,
});

describe('a message as the public dashboard shows it', () => {
  it('keeps the ids and amounts of the payload, and nothing else of it', () => {
    const view = toView({
      stage: 'delivered',
      at: Date.parse('2026-01-01T00:00:01.000Z'),
      envelope: envelope({ orderId: 'o-1', customerId: 'c-1', totalCents: 300, name: 'Ada', email: 'ada@example.com', items: [{ sku: 'tea' }] }),
    });
    expect(view).toEqual({
      stage: 'delivered',
      name: 'orders.OrderPlaced',
      version: 1,
      source: 'orders',
      destination: 'payments',
      messageId: 'm-1',
      occurredAt: '2026-01-01T00:00:00.000Z',
      at: '2026-01-01T00:00:01.000Z',
      orderId: 'o-1',
      ids: { customerId: 'c-1' },
      amounts: { totalCents: 300 },
    });
  });

  it('drops an "id" that is not an identifier, and an amount that is not a number', () => {
    const view = toView({ stage: 'handled', at: 0, envelope: envelope({ customerId: '<script>', noteId: 'x'.repeat(500), amountCents: '12' }) });
    expect(view.ids).toEqual({});
    expect(view.amounts).toEqual({});
    expect(view.orderId).toBeUndefined();
  });

  it('names the trace of a W3C traceparent header, and ignores any other header', () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    expect(toView({ stage: 'handled', at: 0, envelope: envelope({}, { traceparent: `00-${traceId}-00f067aa0ba902b7-01`, authorization: 'x' }) })).toMatchObject({ traceId });
    expect(toView({ stage: 'handled', at: 0, envelope: envelope({}, { traceparent: 'garbage' }) }).traceId).toBeUndefined();
    expect(JSON.stringify(toView({ stage: 'handled', at: 0, envelope: envelope({}, { authorization: 'secret-token' }) }))).not.toContain('secret-token');
  });
});
