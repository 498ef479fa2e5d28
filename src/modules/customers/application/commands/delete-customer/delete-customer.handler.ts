import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CustomerNotFoundError } from '../../../domain/customer-errors';
import { CustomersRepository } from '../../customers.repository';
import { DeleteCustomerCommand } from './delete-customer.command';

@CommandHandler(DeleteCustomerCommand)
export class DeleteCustomerHandler implements ICommandHandler<DeleteCustomerCommand, void> {
  constructor(private readonly customers: CustomersRepository) {}

  async execute({ customerId }: DeleteCustomerCommand): Promise<void> {
    const customer = await this.customers.findActive(customerId);
    if (!customer) throw new CustomerNotFoundError(customerId);
    customer.delete(new Date());
    await this.customers.save(customer);
  }
}
