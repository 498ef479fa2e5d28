import { DeclineReason } from '../../payments/contracts';
import { CancellationReason, OrderItemDto } from '../contracts/order.dto';

/** An order was accepted, PENDING until payments answers. */
export class OrderPlacedEvent {
  constructor(
    readonly orderId: string,
    readonly customerId: string,
    readonly items: OrderItemDto[],
    readonly totalCents: number,
    readonly placedAt: Date,
  ) {}
}

/** Payments must capture the order's total: asked by the order itself (choreography) or by its saga (orchestration). */
export class PaymentRequestedEvent {
  constructor(
    readonly orderId: string,
    readonly customerId: string,
    readonly amountCents: number,
  ) {}
}

export class OrderConfirmedEvent {
  constructor(
    readonly orderId: string,
    readonly confirmedAt: Date,
  ) {}
}

export class OrderCancelledEvent {
  constructor(
    readonly orderId: string,
    readonly reason: CancellationReason,
    readonly declineReason: DeclineReason | null,
    readonly cancelledAt: Date,
  ) {}
}

/** Whatever payments captured (or will capture) for the order must be given back. */
export class RefundRequestedEvent {
  constructor(readonly orderId: string) {}
}
