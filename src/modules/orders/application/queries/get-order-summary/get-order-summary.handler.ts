import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { OrderSummaryDto } from '../../../contracts/order-summary.dto';
import { OrderSummaryNotFoundError } from '../../../domain/order-errors';
import { OrderSummaries } from '../../order-summaries';
import { GetOrderSummaryQuery } from './get-order-summary.query';

/** One order's summary, read from the projection: an order placed a moment ago may not have one yet. */
@QueryHandler(GetOrderSummaryQuery)
export class GetOrderSummaryHandler implements IQueryHandler<GetOrderSummaryQuery, OrderSummaryDto> {
  constructor(private readonly summaries: OrderSummaries) {}

  async execute({ orderId }: GetOrderSummaryQuery): Promise<OrderSummaryDto> {
    const summary = await this.summaries.find(orderId);
    if (!summary) throw new OrderSummaryNotFoundError(orderId);
    return summary;
  }
}
