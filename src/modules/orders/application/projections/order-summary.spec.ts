import fc from 'fast-check';
import { OrderSummaryFact, summarizeOrder } from './order-summary';

const ORDER = 'a1b2c3d4-0000-4000-8000-000000000001';
const CUSTOMER = 'a1b2c3d4-0000-4000-8000-000000000002';
const placed: OrderSummaryFact = { event: 'PLACED', at: '2026-11-30T10:00:00.000Z', customerId: CUSTOMER, totalCents: 600, itemCount: 3 };
const captured: OrderSummaryFact = { event: 'PAYMENT_CAPTURED', at: '2026-11-30T10:00:01.000Z', amountCents: 600 };
const confirmed: OrderSummaryFact = { event: 'CONFIRMED', at: '2026-11-30T10:00:02.000Z' };
const cancelledByCustomer: OrderSummaryFact = { event: 'CANCELLED', at: '2026-11-30T10:05:00.000Z', reason: 'CANCELLED_BY_CUSTOMER' };
const refunded: OrderSummaryFact = { event: 'PAYMENT_REFUNDED', at: '2026-11-30T10:05:01.000Z', amountCents: 600 };

describe('summarizeOrder', () => {
  it('has no summary before the placement is projected, even with a payment answer already there', () => {
    expect(summarizeOrder(ORDER, [])).toBeUndefined();
    expect(summarizeOrder(ORDER, [captured, confirmed])).toBeUndefined();
  });

  it('summarizes a placed order as PENDING, its payment AWAITING', () => {
    expect(summarizeOrder(ORDER, [placed])).toEqual({
      orderId: ORDER,
      customerId: CUSTOMER,
      status: 'PENDING',
      totalCents: 600,
      itemCount: 3,
      paymentState: 'AWAITING',
      capturedCents: 0,
      refundedCents: 0,
      placedAt: placed.at,
      lastEventAt: placed.at,
      timeline: [{ event: 'PLACED', at: placed.at }],
    });
  });

  it('joins a confirmed order with its captured payment', () => {
    const summary = summarizeOrder(ORDER, [confirmed, placed, captured]);

    expect(summary).toEqual(expect.objectContaining({ status: 'CONFIRMED', paymentState: 'CAPTURED', capturedCents: 600, refundedCents: 0, lastEventAt: confirmed.at }));
    expect(summary?.timeline.map((entry) => entry.event)).toEqual(['PLACED', 'PAYMENT_CAPTURED', 'CONFIRMED']);
  });

  it('shows a declined payment and why, on the cancelled order', () => {
    const declined: OrderSummaryFact = { event: 'PAYMENT_DECLINED', at: '2026-11-30T10:00:01.000Z', amountCents: 600, reason: 'INSUFFICIENT_FUNDS' };
    const cancelled: OrderSummaryFact = { event: 'CANCELLED', at: '2026-11-30T10:00:02.000Z', reason: 'PAYMENT_DECLINED', declineReason: 'INSUFFICIENT_FUNDS' };

    expect(summarizeOrder(ORDER, [placed, declined, cancelled])).toEqual(
      expect.objectContaining({ status: 'CANCELLED', paymentState: 'DECLINED', cancellationReason: 'PAYMENT_DECLINED', declineReason: 'INSUFFICIENT_FUNDS', capturedCents: 0 }),
    );
  });

  it('shows a refund after a capture as REFUNDED, with both amounts', () => {
    expect(summarizeOrder(ORDER, [placed, captured, confirmed, cancelledByCustomer, refunded])).toEqual(
      expect.objectContaining({ status: 'CANCELLED', cancellationReason: 'CANCELLED_BY_CUSTOMER', paymentState: 'REFUNDED', capturedCents: 600, refundedCents: 600, lastEventAt: refunded.at }),
    );
  });

  it('keeps a late capture after a timeout as the refund that followed it', () => {
    const timedOut: OrderSummaryFact = { event: 'CANCELLED', at: '2026-11-30T10:00:30.000Z', reason: 'PAYMENT_TIMEOUT' };
    const lateCapture: OrderSummaryFact = { ...captured, at: '2026-11-30T10:00:40.000Z' };
    const lateRefund: OrderSummaryFact = { ...refunded, at: '2026-11-30T10:00:41.000Z' };

    const summary = summarizeOrder(ORDER, [placed, timedOut, lateCapture, lateRefund]);

    expect(summary).toEqual(expect.objectContaining({ status: 'CANCELLED', cancellationReason: 'PAYMENT_TIMEOUT', paymentState: 'REFUNDED' }));
    expect(summary?.timeline.map((entry) => entry.event)).toEqual(['PLACED', 'CANCELLED', 'PAYMENT_CAPTURED', 'PAYMENT_REFUNDED']);
  });

  it('breaks a tie in time by the order the saga takes', () => {
    const sameInstant = [{ ...confirmed, at: placed.at }, { ...captured, at: placed.at }, placed];

    expect(summarizeOrder(ORDER, sameInstant)?.timeline.map((entry) => entry.event)).toEqual(['PLACED', 'PAYMENT_CAPTURED', 'CONFIRMED']);
  });

  // The two sources' events reach the projection in any order; the live fold and a rebuild must agree.
  it('gives the same summary whatever order the facts arrive in', () => {
    const facts = [placed, captured, confirmed, cancelledByCustomer, refunded];
    const expected = summarizeOrder(ORDER, facts);

    fc.assert(fc.property(fc.shuffledSubarray(facts, { minLength: facts.length, maxLength: facts.length }), (arrival) => {
      expect(summarizeOrder(ORDER, arrival)).toEqual(expected);
    }));
  });
});
