import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Page } from '../../../../../module-kit/pagination/page';
import { PaymentDto } from '../../../contracts/payments.dto';
import { toPaymentDto } from '../../payment.dto-mapper';
import { PaymentsRepository } from '../../payments.repository';
import { ListPaymentsQuery } from './list-payments.query';

@QueryHandler(ListPaymentsQuery)
export class ListPaymentsHandler implements IQueryHandler<ListPaymentsQuery, Page<PaymentDto>> {
  constructor(private readonly payments: PaymentsRepository) {}

  async execute({ orderId, page }: ListPaymentsQuery): Promise<Page<PaymentDto>> {
    const payments = await this.payments.listByOrder(orderId, page);
    return { ...payments, items: payments.items.map(toPaymentDto) };
  }
}
