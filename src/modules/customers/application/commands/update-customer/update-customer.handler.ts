import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CustomerDto } from '../../../contracts/customer.dto';
import { CustomerNotFoundError } from '../../../domain/customer-errors';
import { toCustomerDto } from '../../customer.dto-mapper';
import { CustomersRepository } from '../../customers.repository';
import { UpdateCustomerCommand } from './update-customer.command';

@CommandHandler(UpdateCustomerCommand)
export class UpdateCustomerHandler implements ICommandHandler<UpdateCustomerCommand, CustomerDto> {
  constructor(private readonly customers: CustomersRepository) {}

  async execute({ customerId, changes }: UpdateCustomerCommand): Promise<CustomerDto> {
    const customer = await this.customers.findActive(customerId);
    if (!customer) throw new CustomerNotFoundError(customerId);
    customer.update(changes);
    await this.customers.save(customer);
    return toCustomerDto(customer);
  }
}
