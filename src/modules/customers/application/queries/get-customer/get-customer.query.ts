import { Query } from '@nestjs/cqrs';
import { CustomerDto } from '../../../contracts/customer.dto';

export class GetCustomerQuery extends Query<CustomerDto> {
  constructor(readonly customerId: string) {
    super();
  }
}
