import { OrderSummaryDto } from '../contracts/order-summary.dto';
import { OrderSummaryFact } from './projections/order-summary';

/**
 * The order summary projection's storage: the facts it consumed (its durable source) and the summaries folded
 * from them. Only the projection writes them.
 */
export abstract class OrderSummaries {
  /** Serialises the projection of one order until the surrounding transaction ends. */
  abstract lockOrder(orderId: string): Promise<void>;
  /** False when the message's fact is already recorded. */
  abstract recordFact(messageId: string, orderId: string, fact: OrderSummaryFact): Promise<boolean>;
  abstract factsOf(orderId: string): Promise<OrderSummaryFact[]>;
  /** Every order that has facts, in a stable order. */
  abstract orderIds(): Promise<string[]>;
  abstract find(orderId: string): Promise<OrderSummaryDto | undefined>;
  abstract save(summary: OrderSummaryDto): Promise<void>;
  abstract delete(orderId: string): Promise<void>;
}
