import { MessageEnvelope } from '../../module-kit/messaging/integration-message';
import { summarize } from './message-summary';

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

describe('a message as a public page shows it', () => {
  it('keeps the ids and amounts of the payload, and nothing else of it', () => {
    const summary = summarize({
      stage: 'delivered',
      at: Date.parse('2026-01-01T00:00:01.000Z'),
      envelope: envelope({ orderId: 'o-1', customerId: 'c-1', totalCents: 300, name: 'Ada', email: 'ada@example.com', items: [{ sku: 'tea' }] }),
    });
    expect(summary).toEqual({
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
    const summary = summarize({ stage: 'handled', at: 0, envelope: envelope({ customerId: '<script>', noteId: 'x'.repeat(500), amountCents: '12' }) });
    expect(summary.ids).toEqual({});
    expect(summary.amounts).toEqual({});
    expect(summary.orderId).toBeUndefined();
  });

  it('names the trace of a W3C traceparent header, and ignores any other header', () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    expect(summarize({ stage: 'handled', at: 0, envelope: envelope({}, { traceparent: `00-${traceId}-00f067aa0ba902b7-01`, authorization: 'x' }) })).toMatchObject({ traceId });
    expect(summarize({ stage: 'handled', at: 0, envelope: envelope({}, { traceparent: 'garbage' }) }).traceId).toBeUndefined();
    expect(JSON.stringify(summarize({ stage: 'handled', at: 0, envelope: envelope({}, { authorization: 'secret-token' }) }))).not.toContain('secret-token');
  });

  it('says why a delivery failed and after how many attempts, never with the error text', () => {
    const summary = summarize({ stage: 'failed', at: 0, envelope: envelope({ orderId: 'o-1' }), delivery: { failure: 'handler-failed', attempts: 2 } });
    expect(summary).toMatchObject({ stage: 'failed', failure: 'handler-failed', attempts: 2 });
  });
});
