import { OrdersErrors } from '../contracts/orders.errors';
import { OrderSaga, OrderSagaEvent } from './order-saga';

const placedAt = new Date('2026-12-01T10:00:00.000Z');
const deadline = new Date('2026-12-01T10:02:00.000Z');
const later = (seconds: number) => new Date(placedAt.getTime() + seconds * 1000);

function started(): OrderSaga {
  return OrderSaga.start('order-1', placedAt, deadline);
}

/** A saga moved through `events`, one second apart. */
function after(...events: OrderSagaEvent[]): OrderSaga {
  const saga = started();
  events.forEach((event, i) => saga.on(event, event === 'PAYMENT_DEADLINE_PASSED' ? deadline : later(i + 1)));
  return saga;
}

const stepNames = (saga: OrderSaga) => saga.steps.map((step) => (step.reason ? `${step.name}(${step.reason})` : step.name));

describe('OrderSaga', () => {
  it('starts awaiting payment, with its deadline and the payment requested', () => {
    const saga = OrderSaga.start('order-1', placedAt, deadline);

    expect(saga.state).toBe('AWAITING_PAYMENT');
    expect(saga.paymentDeadline).toEqual(deadline);
    expect(saga.steps).toEqual([{ name: 'PAYMENT_REQUESTED', at: placedAt }]);
    expect(saga.compensation).toBeUndefined();
  });

  it('confirms the order when the payment is captured', () => {
    const saga = started();

    expect(saga.on('PAYMENT_CAPTURED', later(1))).toEqual([{ kind: 'CONFIRM_ORDER' }]);
    expect(saga.state).toBe('CONFIRMED');
    expect(saga.steps.slice(1)).toEqual([
      { name: 'PAYMENT_CAPTURED', at: later(1) },
      { name: 'ORDER_CONFIRMED', at: later(1) },
    ]);
    expect(saga.updatedAt).toEqual(later(1));
  });

  it('cancels the order when the payment is declined, with nothing to give back', () => {
    const saga = started();

    expect(saga.on('PAYMENT_DECLINED', later(1))).toEqual([{ kind: 'CANCEL_ORDER', reason: 'PAYMENT_DECLINED' }]);
    expect(saga.state).toBe('CANCELLED');
    expect(stepNames(saga)).toEqual(['PAYMENT_REQUESTED', 'PAYMENT_DECLINED', 'ORDER_CANCELLED(PAYMENT_DECLINED)']);
    expect(saga.compensation).toBeUndefined();
  });

  describe('the deadline', () => {
    it('changes nothing before it is reached', () => {
      const saga = started();

      expect(saga.on('PAYMENT_DEADLINE_PASSED', new Date(deadline.getTime() - 1))).toBeNull();
      expect(saga.state).toBe('AWAITING_PAYMENT');
      expect(saga.steps).toHaveLength(1);
    });

    it('cancels an order still awaiting payment, and keeps waiting for the answer', () => {
      const saga = started();

      expect(saga.on('PAYMENT_DEADLINE_PASSED', deadline)).toEqual([{ kind: 'CANCEL_ORDER', reason: 'PAYMENT_TIMEOUT' }]);
      expect(saga.state).toBe('CANCELLED_AWAITING_PAYMENT');
    });

    it('refunds a capture that comes after it, and records the refund once payments reports it', () => {
      const saga = after('PAYMENT_DEADLINE_PASSED');

      expect(saga.on('PAYMENT_CAPTURED', later(200))).toEqual([{ kind: 'REQUEST_REFUND' }]);
      expect(saga.state).toBe('REFUNDING');
      expect(saga.compensation).toEqual({ requestedAt: later(200) });

      expect(saga.on('PAYMENT_REFUNDED', later(201))).toEqual([]);
      expect(saga.state).toBe('REFUNDED');
      expect(saga.compensation).toEqual({ requestedAt: later(200), completedAt: later(201) });
      expect(stepNames(saga)).toEqual(['PAYMENT_REQUESTED', 'ORDER_CANCELLED(PAYMENT_TIMEOUT)', 'PAYMENT_CAPTURED', 'REFUND_REQUESTED', 'PAYMENT_REFUNDED']);
    });

    it('ends with nothing to give back when the late answer is a decline', () => {
      const saga = after('PAYMENT_DEADLINE_PASSED');

      expect(saga.on('PAYMENT_DECLINED', later(200))).toEqual([]);
      expect(saga.state).toBe('CANCELLED');
      expect(saga.compensation).toBeUndefined();
    });

    it.each<[string, OrderSagaEvent[]]>([
      ['confirmed', ['PAYMENT_CAPTURED']],
      ['declined', ['PAYMENT_DECLINED']],
      ['cancelled by the customer', ['CANCELLED_BY_CUSTOMER']],
      ['already timed out (a second sweeper)', ['PAYMENT_DEADLINE_PASSED']],
    ])('is ignored once the order is %s', (_, events) => {
      const saga = after(...events);
      const before = { state: saga.state, steps: [...saga.steps] };

      expect(saga.on('PAYMENT_DEADLINE_PASSED', later(3600))).toBeNull();
      expect({ state: saga.state, steps: saga.steps }).toEqual(before);
    });
  });

  describe("the customer's cancel", () => {
    it('of an order awaiting payment cancels it and waits for the answer: a capture is then refunded', () => {
      const saga = started();

      expect(saga.on('CANCELLED_BY_CUSTOMER', later(1))).toEqual([{ kind: 'CANCEL_ORDER', reason: 'CANCELLED_BY_CUSTOMER' }]);
      expect(saga.state).toBe('CANCELLED_AWAITING_PAYMENT');
      expect(saga.on('PAYMENT_CAPTURED', later(2))).toEqual([{ kind: 'REQUEST_REFUND' }]);
      expect(saga.state).toBe('REFUNDING');
    });

    it('of a confirmed order cancels it and requests the refund at once', () => {
      const saga = after('PAYMENT_CAPTURED');

      expect(saga.on('CANCELLED_BY_CUSTOMER', later(5))).toEqual([{ kind: 'CANCEL_ORDER', reason: 'CANCELLED_BY_CUSTOMER' }, { kind: 'REQUEST_REFUND' }]);
      expect(saga.state).toBe('REFUNDING');
      expect(saga.compensation).toEqual({ requestedAt: later(5) });
    });

    it.each<[string, OrderSagaEvent[]]>([
      ['declined', ['PAYMENT_DECLINED']],
      ['timed out', ['PAYMENT_DEADLINE_PASSED']],
      ['cancelled by the customer', ['CANCELLED_BY_CUSTOMER']],
      ['refunding', ['PAYMENT_CAPTURED', 'CANCELLED_BY_CUSTOMER']],
      ['refunded', ['PAYMENT_CAPTURED', 'CANCELLED_BY_CUSTOMER', 'PAYMENT_REFUNDED']],
    ])('is refused (ALREADY_CANCELLED) once the order is %s', (_, events) => {
      const saga = after(...events);

      expect(() => saga.on('CANCELLED_BY_CUSTOMER', later(3600))).toThrow(expect.objectContaining({ code: OrdersErrors.ALREADY_CANCELLED }));
    });
  });

  it.each<[string, OrderSagaEvent[], OrderSagaEvent]>([
    ['a capture repeated after the confirmation', ['PAYMENT_CAPTURED'], 'PAYMENT_CAPTURED'],
    ['a decline after the confirmation', ['PAYMENT_CAPTURED'], 'PAYMENT_DECLINED'],
    ['a refund nobody asked for', ['PAYMENT_CAPTURED'], 'PAYMENT_REFUNDED'],
    ['a refund reported twice', ['PAYMENT_CAPTURED', 'CANCELLED_BY_CUSTOMER', 'PAYMENT_REFUNDED'], 'PAYMENT_REFUNDED'],
    ['a capture after a decline', ['PAYMENT_DECLINED'], 'PAYMENT_CAPTURED'],
  ])('ignores %s, recording nothing', (_, events, late) => {
    const saga = after(...events);
    const before = { state: saga.state, steps: [...saga.steps], updatedAt: saga.updatedAt };

    expect(saga.on(late, later(3600))).toBeNull();
    expect({ state: saga.state, steps: saga.steps, updatedAt: saga.updatedAt }).toEqual(before);
  });
});
