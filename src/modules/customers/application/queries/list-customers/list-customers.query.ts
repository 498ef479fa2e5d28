import { Query } from '@nestjs/cqrs';
import { Page, PageRequest } from '../../../../../module-kit/pagination/page';
import { CustomerDto } from '../../../contracts/customer.dto';

export class ListCustomersQuery extends Query<Page<CustomerDto>> {
  constructor(readonly page: PageRequest) {
    super();
  }
}
