import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { CustomerDto } from '../../../contracts/customer.dto';
import { Customer } from '../../../domain/customer';
import { toCustomerDto } from '../../customer.dto-mapper';
import { CustomersRepository } from '../../customers.repository';
import { RegisterCustomerCommand } from './register-customer.command';

@CommandHandler(RegisterCustomerCommand)
export class RegisterCustomerHandler implements ICommandHandler<RegisterCustomerCommand, CustomerDto> {
  constructor(private readonly customers: CustomersRepository) {}

  async execute({ input }: RegisterCustomerCommand): Promise<CustomerDto> {
    const customer = Customer.register(randomUUID(), input, new Date());
    await this.customers.save(customer);
    return toCustomerDto(customer);
  }
}
