import { Injectable } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import { ModuleDatabase } from '../../../../module-kit/database/module-database';
import { MessageEnvelope } from '../../../../module-kit/messaging/integration-message';
import { OrderSummaries } from '../order-summaries';
import { OrderSummaryFact, summarizeOrder } from './order-summary';

export interface OrderSummaryRebuildReport {
  orders: number;
  corrected: number;
}

/**
 * Keeps the order summaries (a read model joining an order with its payment and its timeline) from orders'
 * events and payments' answers. Each fact is recorded once, by message id, in the inbox's transaction, and
 * the order's summary is folded again from all its facts: arrival order does not matter, and a rebuild is
 * the same fold over the same facts.
 */
@Injectable()
export class OrderSummaryProjection {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly summaries: OrderSummaries,
  ) {}

  /** Projects the fact a message carries, once per message id. */
  async project(envelope: Pick<MessageEnvelope, 'id'>, orderId: string, fact: OrderSummaryFact): Promise<void> {
    await this.db.transaction(async () => {
      await this.summaries.lockOrder(orderId);
      if (await this.summaries.recordFact(envelope.id, orderId, fact)) await this.refold(orderId);
    });
  }

  /**
   * Folds every order's summary again from its recorded facts (`npm run projections:rebuild`): after the fold
   * changed, or a summary row was lost or damaged. One transaction per order, under the same lock as the live
   * projection, so it may run while the shop does.
   */
  async rebuild(): Promise<OrderSummaryRebuildReport> {
    const orderIds = await this.summaries.orderIds();
    let corrected = 0;
    for (const orderId of orderIds) {
      const changed = await this.db.transaction(async () => {
        await this.summaries.lockOrder(orderId);
        const before = await this.summaries.find(orderId);
        const after = await this.refold(orderId);
        return !isDeepStrictEqual(before, after);
      });
      if (changed) corrected++;
    }
    return { orders: orderIds.length, corrected };
  }

  private async refold(orderId: string) {
    const summary = summarizeOrder(orderId, await this.summaries.factsOf(orderId));
    // No summary until the order's placement has been projected: a payment's answer may arrive first.
    if (summary) await this.summaries.save(summary);
    else await this.summaries.delete(orderId);
    return summary;
  }
}
