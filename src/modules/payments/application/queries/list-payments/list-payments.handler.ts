import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Page } from '../../../../../shared/pagination/page';
import { PaymentDto } from '../../../contracts/payments.dto';
import { PaymentsRepository } from '../../../infrastructure/payments.repository';
import { ListPaymentsQuery } from './list-payments.query';

@QueryHandler(ListPaymentsQuery)
export class ListPaymentsHandler implements IQueryHandler<ListPaymentsQuery, Page<PaymentDto>> {
  constructor(private readonly payments: PaymentsRepository) {}

  execute({ orderId, page }: ListPaymentsQuery): Promise<Page<PaymentDto>> {
    return this.payments.listByOrder(orderId, page);
  }
}
