import { Injectable } from '@nestjs/common';
import { DeclineReason } from '../../../payments/contracts';
import { Order } from '../../domain/order';
import { OrderSaga, OrderSagaCommand, OrderSagaEvent } from '../../domain/order-saga';
import { OrderSagaRepository } from '../order-saga.repository';
import { OrdersRepository } from '../orders.repository';

/**
 * The order saga as orchestration (SAGA=orchestration): one place that drives each order. It starts the
 * saga when the order is placed, and is handed every event of it afterwards (payments' answers, the deadline,
 * the customer's cancel); the saga's state machine (domain/order-saga.ts) decides, and the orchestrator
 * carries the decision out on the order: it confirms or cancels it, or has it ask payments for a refund. The
 * order's events go out with the unit of work, in the same transaction as the saga's new state. Callers hold
 * the order's row lock, so the events of one order are taken one at a time.
 */
@Injectable()
export class OrderSagaOrchestrator {
  constructor(
    private readonly sagas: OrderSagaRepository,
    private readonly orders: OrdersRepository,
  ) {}

  /** Starts the saga of an order being placed: its first step is the payment request. */
  async start(order: Order, paymentDeadline: Date): Promise<void> {
    await this.sagas.add(OrderSaga.start(order.id, order.createdAt, paymentDeadline));
    order.requestPayment();
  }

  /**
   * Moves the order's saga on by `event` when the order is orchestrated (it has a saga), and says so; false for
   * a choreographed order, which the caller handles itself. The caller holds the order's row lock.
   * `declineReason` is payments' code when the event is a decline that said why.
   */
  async handle(order: Order, event: OrderSagaEvent, now: Date, declineReason?: DeclineReason): Promise<boolean> {
    const saga = await this.sagas.findForUpdate(order.id);
    if (!saga) return false;
    const commands = saga.on(event, now);
    // A late or repeated event: the saga has no use for it.
    if (!commands) return true;
    await this.sagas.save(saga);
    this.carryOut(commands, order, now, declineReason);
    await this.orders.save(order);
    return true;
  }

  private carryOut(commands: OrderSagaCommand[], order: Order, now: Date, declineReason?: DeclineReason): void {
    for (const command of commands) {
      switch (command.kind) {
        case 'CONFIRM_ORDER':
          order.confirm(now);
          break;
        case 'CANCEL_ORDER':
          order.cancelAsSagaDecided(command.reason, now, declineReason);
          break;
        case 'REQUEST_REFUND':
          order.requestRefund();
          break;
      }
    }
  }
}
