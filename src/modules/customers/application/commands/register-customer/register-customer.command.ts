import { Command } from '@nestjs/cqrs';
import { CustomerDto, RegisterCustomerInput } from '../../../contracts/customer.dto';

export class RegisterCustomerCommand extends Command<CustomerDto> {
  constructor(readonly input: RegisterCustomerInput) {
    super();
  }
}
