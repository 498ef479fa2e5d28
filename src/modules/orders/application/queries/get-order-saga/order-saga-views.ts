import { OrderSagaDto, OrderSagaStepDto } from '../../../contracts/order-saga.dto';
import { Order } from '../../../domain/order';
import { OrderSaga } from '../../../domain/order-saga';

/** An orchestrated order's saga: the orchestrator's own record. */
export function orchestratedSagaView(saga: OrderSaga, order: Order): OrderSagaDto {
  const compensation = saga.compensation;
  return {
    orderId: saga.orderId,
    customerId: order.customerId,
    style: 'orchestration',
    state: saga.state,
    paymentDeadline: saga.paymentDeadline.toISOString(),
    steps: saga.steps.map(({ at, ...step }) => ({ ...step, at: at.toISOString() })),
    ...(compensation
      ? { compensation: { action: 'REFUND', requestedAt: compensation.requestedAt.toISOString(), ...(compensation.completedAt ? { completedAt: compensation.completedAt.toISOString() } : {}) } }
      : {}),
  };
}

/**
 * A choreographed order's saga, as far as orders knows it: nobody keeps a timeline, so the steps are derived
 * from the order's status, reason and times. Payments' answer is known by what it did to the order; a
 * customer's cancel and a timeout always request a refund (payments gives back whatever it captured, if
 * anything), and whether it happened is payments' to say (GET /payments?orderId=).
 */
export function choreographedSagaView(order: Order): OrderSagaDto {
  const placedAt = order.createdAt.toISOString();
  const at = order.updatedAt.toISOString();
  const steps: OrderSagaStepDto[] = [{ name: 'PAYMENT_REQUESTED', at: placedAt }];
  if (order.status === 'CONFIRMED') steps.push({ name: 'PAYMENT_CAPTURED', at }, { name: 'ORDER_CONFIRMED', at });
  if (order.cancellationReason === 'PAYMENT_DECLINED') steps.push({ name: 'PAYMENT_DECLINED', at });
  if (order.cancellationReason) steps.push({ name: 'ORDER_CANCELLED', at, reason: order.cancellationReason });
  const refundRequested = order.cancellationReason === 'CANCELLED_BY_CUSTOMER' || order.cancellationReason === 'PAYMENT_TIMEOUT';
  if (refundRequested) steps.push({ name: 'REFUND_REQUESTED', at });
  return {
    orderId: order.id,
    customerId: order.customerId,
    style: 'choreography',
    state: order.status === 'PENDING' ? 'AWAITING_PAYMENT' : order.status,
    ...(order.paymentDeadline ? { paymentDeadline: order.paymentDeadline.toISOString() } : {}),
    steps,
    ...(refundRequested ? { compensation: { action: 'REFUND', requestedAt: at } } : {}),
  };
}
