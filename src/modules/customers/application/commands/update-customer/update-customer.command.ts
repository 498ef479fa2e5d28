import { Command } from '@nestjs/cqrs';
import { CustomerDto, UpdateCustomerInput } from '../../../contracts/customer.dto';

export class UpdateCustomerCommand extends Command<CustomerDto> {
  constructor(
    readonly customerId: string,
    readonly changes: UpdateCustomerInput,
  ) {
    super();
  }
}
