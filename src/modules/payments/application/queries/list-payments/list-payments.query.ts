import { Query } from '@nestjs/cqrs';
import { Page, PageRequest } from '../../../../../module-kit/pagination/page';
import { PaymentDto } from '../../../contracts/payments.dto';

export class ListPaymentsQuery extends Query<Page<PaymentDto>> {
  constructor(
    readonly orderId: string,
    readonly page: PageRequest,
  ) {
    super();
  }
}
