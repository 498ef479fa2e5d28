import { Injectable } from '@nestjs/common';
import { Outbox } from '../../../../shared/messaging/outbox';
import { DeclineReason, RequestPayment, RequestRefund } from '../../../payments/contracts';
import { OrderCancelled, OrderConfirmed } from '../../contracts/orders.events';
import { Order } from '../../domain/order';
import { OrderSaga, OrderSagaCommand, OrderSagaEvent } from '../../domain/order-saga';
import { OrderSagaRepository } from '../../infrastructure/order-saga.repository';
import { OrdersRepository } from '../../infrastructure/orders.repository';

/**
 * The order saga as orchestration (SAGA=orchestration): one place that drives each order. It starts the
 * saga when the order is placed, and is handed every event of it afterwards (payments' answers, the deadline,
 * the customer's cancel); the saga's state machine (domain/order-saga.ts) decides, and the orchestrator
 * carries the decision out: it confirms or cancels the order, and requests the payment or its refund through
 * the outbox, in the same transaction as the saga's new state. Callers hold the order's row lock, so the
 * events of one order are taken one at a time.
 */
@Injectable()
export class OrderSagaOrchestrator {
  constructor(
    private readonly sagas: OrderSagaRepository,
    private readonly orders: OrdersRepository,
    private readonly outbox: Outbox,
  ) {}

  /** Starts the saga of an order being placed, inside the placing transaction: its first step is the payment request. */
  async start(order: Order, paymentDeadline: Date): Promise<void> {
    await this.sagas.add(OrderSaga.start(order.id, order.createdAt, paymentDeadline));
    await this.outbox.publish(new RequestPayment({ orderId: order.id, customerId: order.customerId, amountCents: order.totalCents }));
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
    await this.carryOut(commands, order, now, declineReason);
    return true;
  }

  private async carryOut(commands: OrderSagaCommand[], order: Order, now: Date, declineReason?: DeclineReason): Promise<void> {
    const at = now.toISOString();
    for (const command of commands) {
      switch (command.kind) {
        case 'CONFIRM_ORDER':
          order.confirm(now);
          await this.orders.save(order);
          await this.outbox.publish(new OrderConfirmed({ orderId: order.id, confirmedAt: at }));
          break;
        case 'CANCEL_ORDER':
          if (command.reason === 'CANCELLED_BY_CUSTOMER') order.cancelByCustomer(now);
          else order.cancelUnpaid(command.reason, now, declineReason);
          await this.orders.save(order);
          await this.outbox.publish(
            new OrderCancelled({ orderId: order.id, reason: command.reason, ...(order.declineReason ? { declineReason: order.declineReason } : {}), cancelledAt: at }),
          );
          break;
        case 'REQUEST_REFUND':
          await this.outbox.publish(new RequestRefund({ orderId: order.id }));
          break;
      }
    }
  }
}
