import { CancellationReason } from './order.dto';

/** choreography: orders and payments react to each other's messages; orchestration: a process manager in orders drives the order. */
export type SagaStyle = 'choreography' | 'orchestration';

/**
 * Where an order's saga stands. AWAITING_PAYMENT: payment requested, no answer yet; CONFIRMED: captured and
 * confirmed; CANCELLED: cancelled with nothing captured (or, in choreography, a refund requested for whatever
 * was); CANCELLED_AWAITING_PAYMENT: cancelled while payments' answer is still due, a capture will be refunded;
 * REFUNDING: the refund is requested; REFUNDED: payments gave the money back. The last three are
 * orchestration's: choreography keeps no record beyond the order itself.
 */
export type OrderSagaState = 'AWAITING_PAYMENT' | 'CONFIRMED' | 'CANCELLED' | 'CANCELLED_AWAITING_PAYMENT' | 'REFUNDING' | 'REFUNDED';

export type OrderSagaStepName = 'PAYMENT_REQUESTED' | 'PAYMENT_CAPTURED' | 'PAYMENT_DECLINED' | 'ORDER_CONFIRMED' | 'ORDER_CANCELLED' | 'REFUND_REQUESTED' | 'PAYMENT_REFUNDED';

export interface OrderSagaStepDto {
  name: OrderSagaStepName;
  at: string;
  /** Why the order was cancelled (ORDER_CANCELLED only). */
  reason?: CancellationReason;
}

/** What was done to undo a step already taken: the captured payment given back. */
export interface SagaCompensationDto {
  action: 'REFUND';
  requestedAt: string;
  /** When payments reported the refund done (known to orchestration only). */
  completedAt?: string;
}

export interface OrderSagaDto {
  orderId: string;
  customerId: string;
  style: SagaStyle;
  state: OrderSagaState;
  /** When an unanswered payment cancels the order (PAYMENT_TIMEOUT); absent for orders placed before deadlines existed. */
  paymentDeadline?: string;
  /** Oldest first. */
  steps: OrderSagaStepDto[];
  compensation?: SagaCompensationDto;
}
