import { Query } from '@nestjs/cqrs';
import { AccountDto } from '../../../contracts/payments.dto';

export class GetAccountQuery extends Query<AccountDto> {
  constructor(readonly customerId: string) {
    super();
  }
}
