import { Payment } from './payment';
import { PaymentCapturedEvent, PaymentDeclinedEvent, PaymentRefundedEvent } from './payment-events';

describe('Payment', () => {
  const request = { orderId: 'order-1', customerId: 'customer-1', amountCents: 700 };
  const facts = { paymentId: 'payment-1', ...request };
  const now = new Date('2026-01-01T10:00:00Z');

  it('is captured, or declined with why, recording which', () => {
    const captured = Payment.settle('payment-1', request, undefined, now);
    const declined = Payment.settle('payment-1', request, 'INSUFFICIENT_FUNDS', now);

    expect(captured).toMatchObject({ status: 'CAPTURED', reason: null });
    expect(captured.getUncommittedEvents()).toEqual([new PaymentCapturedEvent(facts)]);
    expect(declined).toMatchObject({ status: 'DECLINED', reason: 'INSUFFICIENT_FUNDS' });
    expect(declined.getUncommittedEvents()).toEqual([new PaymentDeclinedEvent(facts, 'INSUFFICIENT_FUNDS')]);
  });

  it('is refunded once, and only when it was captured', () => {
    const captured = Payment.settle('payment-1', request, undefined, now);
    captured.uncommit();

    expect(captured.refund()).toBe(true);
    expect(captured.refund()).toBe(false);
    expect(captured.status).toBe('REFUNDED');
    expect(captured.getUncommittedEvents()).toEqual([new PaymentRefundedEvent(facts)]);
    expect(Payment.settle('payment-2', request, 'ACCOUNT_CLOSED', now).refund()).toBe(false);
  });
});
