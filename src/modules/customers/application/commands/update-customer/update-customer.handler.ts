import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ModuleDatabase } from '../../../../../shared/database/module-database';
import { CustomerDto } from '../../../contracts/customer.dto';
import { CustomerNotFoundError } from '../../../domain/customer-errors';
import { CustomersRepository, toCustomerDto } from '../../../infrastructure/customers.repository';
import { UpdateCustomerCommand } from './update-customer.command';

@CommandHandler(UpdateCustomerCommand)
export class UpdateCustomerHandler implements ICommandHandler<UpdateCustomerCommand, CustomerDto> {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly customers: CustomersRepository,
  ) {}

  async execute({ customerId, changes }: UpdateCustomerCommand): Promise<CustomerDto> {
    return this.db.transaction(async () => {
      const record = await this.customers.findActive(customerId);
      if (!record) throw new CustomerNotFoundError(customerId);
      if (changes.name !== undefined) record.name = changes.name.trim();
      if (changes.email !== undefined) record.email = changes.email.trim();
      await this.customers.save(record);
      return toCustomerDto(record);
    });
  }
}
