import { SagaStyle } from '../../contracts/order-saga.dto';

/** How the orders module runs the saga of the orders it accepts (SAGA, PAYMENT_TIMEOUT_MS). */
export class OrderSagaSettings {
  constructor(
    /** The style of the orders placed from now on; an order in flight keeps the style it was placed in. */
    readonly style: SagaStyle,
    /** How long payments has to answer before the order is cancelled with PAYMENT_TIMEOUT. */
    readonly paymentTimeoutMs: number,
  ) {}

  paymentDeadlineFor(placedAt: Date): Date {
    return new Date(placedAt.getTime() + this.paymentTimeoutMs);
  }

  /** How often overdue orders are looked for: each second, or more often when the timeout itself is shorter. */
  get sweepIntervalMs(): number {
    return Math.min(1000, this.paymentTimeoutMs);
  }
}
