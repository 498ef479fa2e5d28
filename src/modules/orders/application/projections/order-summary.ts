import { DeclineReason } from '../../../payments/contracts/payments.errors';
import { CancellationReason, OrderStatus } from '../../contracts/order.dto';
import { OrderSummaryDto, OrderTimelineEvent, PaymentState } from '../../contracts/order-summary.dto';

/**
 * One event the order summary is projected from, reduced to what the summary needs. Orders' own events and
 * payments' answers come through different outboxes, so they reach the projection in any order: a capture
 * may be projected before the order's placement.
 */
export type OrderSummaryFact =
  | { event: 'PLACED'; at: string; customerId: string; totalCents: number; itemCount: number }
  | { event: 'CONFIRMED'; at: string }
  | { event: 'CANCELLED'; at: string; reason: CancellationReason; declineReason?: DeclineReason }
  | { event: 'PAYMENT_CAPTURED'; at: string; amountCents: number }
  | { event: 'PAYMENT_DECLINED'; at: string; amountCents: number; reason?: DeclineReason }
  | { event: 'PAYMENT_REFUNDED'; at: string; amountCents: number };

/** The saga's own order, which breaks ties between events stamped with the same instant. */
const SAGA_ORDER: OrderTimelineEvent[] = ['PLACED', 'PAYMENT_CAPTURED', 'PAYMENT_DECLINED', 'CONFIRMED', 'CANCELLED', 'PAYMENT_REFUNDED'];

/**
 * The summary of one order from all the facts projected for it, or undefined while its placement has not
 * arrived. A pure function of the set of facts, whatever order they came in: that is what lets the live
 * projection and a rebuild from the stored facts agree. Status and payment state are decided by precedence,
 * not by arrival (a cancellation outranks a confirmation, a refund a capture), since the two sources' clocks
 * and deliveries are not ordered against each other.
 */
export function summarizeOrder(orderId: string, facts: readonly OrderSummaryFact[]): OrderSummaryDto | undefined {
  const placed = facts.find((f) => f.event === 'PLACED');
  if (!placed) return undefined;
  const timeline = [...facts].sort(chronologically);
  const cancelled = facts.find((f) => f.event === 'CANCELLED');
  const declined = facts.find((f) => f.event === 'PAYMENT_DECLINED');
  const declineReason = cancelled?.declineReason ?? declined?.reason;

  return {
    orderId,
    customerId: placed.customerId,
    status: statusOf(facts),
    totalCents: placed.totalCents,
    itemCount: placed.itemCount,
    paymentState: paymentStateOf(facts),
    capturedCents: sumOf(facts, 'PAYMENT_CAPTURED'),
    refundedCents: sumOf(facts, 'PAYMENT_REFUNDED'),
    ...(cancelled && { cancellationReason: cancelled.reason }),
    ...(declineReason && { declineReason }),
    placedAt: placed.at,
    lastEventAt: timeline[timeline.length - 1].at,
    timeline: timeline.map(({ event, at }) => ({ event, at })),
  };
}

function statusOf(facts: readonly OrderSummaryFact[]): OrderStatus {
  if (facts.some((f) => f.event === 'CANCELLED')) return 'CANCELLED';
  if (facts.some((f) => f.event === 'CONFIRMED')) return 'CONFIRMED';
  return 'PENDING';
}

function paymentStateOf(facts: readonly OrderSummaryFact[]): PaymentState {
  if (facts.some((f) => f.event === 'PAYMENT_REFUNDED')) return 'REFUNDED';
  if (facts.some((f) => f.event === 'PAYMENT_DECLINED')) return 'DECLINED';
  if (facts.some((f) => f.event === 'PAYMENT_CAPTURED')) return 'CAPTURED';
  return 'AWAITING';
}

function sumOf(facts: readonly OrderSummaryFact[], event: 'PAYMENT_CAPTURED' | 'PAYMENT_REFUNDED'): number {
  return facts.reduce((sum, f) => (f.event === event ? sum + f.amountCents : sum), 0);
}

/** By time, then by the saga's order, then by content: a total order, so any arrival order sorts the same. */
function chronologically(a: OrderSummaryFact, b: OrderSummaryFact): number {
  const byTime = Date.parse(a.at) - Date.parse(b.at);
  if (byTime !== 0) return byTime;
  const bySaga = SAGA_ORDER.indexOf(a.event) - SAGA_ORDER.indexOf(b.event);
  if (bySaga !== 0) return bySaga;
  const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}
