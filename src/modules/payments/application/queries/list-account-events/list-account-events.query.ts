import { Query } from '@nestjs/cqrs';
import { Page, PageRequest } from '../../../../../module-kit/pagination/page';
import { AccountEventDto } from '../../../contracts/payments.dto';

export class ListAccountEventsQuery extends Query<Page<AccountEventDto>> {
  constructor(
    readonly customerId: string,
    readonly page: PageRequest,
  ) {
    super();
  }
}
