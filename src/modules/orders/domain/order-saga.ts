import { CancellationReason } from '../contracts/order.dto';
import { OrderSagaState, OrderSagaStepName } from '../contracts/order-saga.dto';
import { OrderAlreadyCancelledError } from './order-errors';

/** What an orchestrated saga hears: payments' answers, its own deadline, the customer's cancel. */
export type OrderSagaEvent = 'PAYMENT_CAPTURED' | 'PAYMENT_DECLINED' | 'PAYMENT_REFUNDED' | 'PAYMENT_DEADLINE_PASSED' | 'CANCELLED_BY_CUSTOMER';

/** What the orchestrator must do after a transition, in the transaction that records it. */
export type OrderSagaCommand =
  | { kind: 'CONFIRM_ORDER' }
  | { kind: 'CANCEL_ORDER'; reason: CancellationReason }
  | { kind: 'REQUEST_REFUND' };

export interface OrderSagaStep {
  name: OrderSagaStepName;
  at: Date;
  reason?: CancellationReason;
}

interface Transition {
  to: OrderSagaState;
  commands: OrderSagaCommand[];
}

const cancel = (reason: CancellationReason): OrderSagaCommand => ({ kind: 'CANCEL_ORDER', reason });

/**
 * The whole saga on one page: from each state, what each event leads to and what is done on the way. An
 * event a state does not list changes nothing (a late or repeated answer, a deadline already overtaken),
 * except a customer's cancel, which is refused once the order is cancelled. A cancel while payments has not
 * answered yet waits for the answer (CANCELLED_AWAITING_PAYMENT): a capture is then refunded, a decline ends it.
 */
const TRANSITIONS: Readonly<Record<OrderSagaState, Partial<Record<OrderSagaEvent, Transition>>>> = {
  AWAITING_PAYMENT: {
    PAYMENT_CAPTURED: { to: 'CONFIRMED', commands: [{ kind: 'CONFIRM_ORDER' }] },
    PAYMENT_DECLINED: { to: 'CANCELLED', commands: [cancel('PAYMENT_DECLINED')] },
    PAYMENT_DEADLINE_PASSED: { to: 'CANCELLED_AWAITING_PAYMENT', commands: [cancel('PAYMENT_TIMEOUT')] },
    CANCELLED_BY_CUSTOMER: { to: 'CANCELLED_AWAITING_PAYMENT', commands: [cancel('CANCELLED_BY_CUSTOMER')] },
  },
  CONFIRMED: {
    CANCELLED_BY_CUSTOMER: { to: 'REFUNDING', commands: [cancel('CANCELLED_BY_CUSTOMER'), { kind: 'REQUEST_REFUND' }] },
  },
  CANCELLED_AWAITING_PAYMENT: {
    PAYMENT_CAPTURED: { to: 'REFUNDING', commands: [{ kind: 'REQUEST_REFUND' }] },
    PAYMENT_DECLINED: { to: 'CANCELLED', commands: [] },
  },
  REFUNDING: {
    PAYMENT_REFUNDED: { to: 'REFUNDED', commands: [] },
  },
  CANCELLED: {},
  REFUNDED: {},
};

/** Payments' answers are recorded as steps of their own; the deadline and the customer's cancel show in the ORDER_CANCELLED they lead to. */
const ANSWERS: Partial<Record<OrderSagaEvent, OrderSagaStepName>> = {
  PAYMENT_CAPTURED: 'PAYMENT_CAPTURED',
  PAYMENT_DECLINED: 'PAYMENT_DECLINED',
  PAYMENT_REFUNDED: 'PAYMENT_REFUNDED',
};

/**
 * The order saga as a process manager's state machine (SAGA=orchestration): where an order's saga stands,
 * its deadline, and the timeline of what it heard and did. It only decides; the orchestrator
 * (application/saga/order-saga-orchestrator.ts) carries its commands out and stores it.
 */
export class OrderSaga {
  constructor(
    readonly orderId: string,
    public state: OrderSagaState,
    readonly paymentDeadline: Date,
    readonly steps: OrderSagaStep[],
    public updatedAt: Date,
  ) {}

  /** An order was placed: the saga requests its payment, which must be answered by `paymentDeadline`. */
  static start(orderId: string, now: Date, paymentDeadline: Date): OrderSaga {
    return new OrderSaga(orderId, 'AWAITING_PAYMENT', paymentDeadline, [{ name: 'PAYMENT_REQUESTED', at: now }], now);
  }

  /** Moves on by `event`: the commands to carry out, or null when the event changes nothing. */
  on(event: OrderSagaEvent, now: Date): OrderSagaCommand[] | null {
    const transition = TRANSITIONS[this.state][event];
    if (!transition) {
      if (event === 'CANCELLED_BY_CUSTOMER') throw new OrderAlreadyCancelledError(this.orderId);
      return null;
    }
    if (event === 'PAYMENT_DEADLINE_PASSED' && now.getTime() < this.paymentDeadline.getTime()) return null;
    this.state = transition.to;
    const answer = ANSWERS[event];
    if (answer) this.steps.push({ name: answer, at: now });
    this.record(transition.commands, now);
    this.updatedAt = now;
    return [...transition.commands];
  }

  /** The refund asked for a payment already captured, and when payments reported it done. */
  get compensation(): { requestedAt: Date; completedAt?: Date } | undefined {
    const requested = this.steps.find((step) => step.name === 'REFUND_REQUESTED');
    if (!requested) return undefined;
    const completed = this.steps.find((step) => step.name === 'PAYMENT_REFUNDED');
    return { requestedAt: requested.at, ...(completed ? { completedAt: completed.at } : {}) };
  }

  private record(commands: OrderSagaCommand[], at: Date): void {
    for (const command of commands) {
      if (command.kind === 'CONFIRM_ORDER') this.steps.push({ name: 'ORDER_CONFIRMED', at });
      if (command.kind === 'CANCEL_ORDER') this.steps.push({ name: 'ORDER_CANCELLED', at, reason: command.reason });
      if (command.kind === 'REQUEST_REFUND') this.steps.push({ name: 'REFUND_REQUESTED', at });
    }
  }
}
