import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { ModuleDatabase } from '../../../../../shared/database/module-database';
import { Outbox } from '../../../../../shared/messaging/outbox';
import { CustomerDto } from '../../../contracts/customer.dto';
import { CustomerRegistered } from '../../../contracts/customers.events';
import { CustomerRecord } from '../../../infrastructure/customer.record';
import { CustomersRepository, toCustomerDto } from '../../../infrastructure/customers.repository';
import { RegisterCustomerCommand } from './register-customer.command';

@CommandHandler(RegisterCustomerCommand)
export class RegisterCustomerHandler implements ICommandHandler<RegisterCustomerCommand, CustomerDto> {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly customers: CustomersRepository,
    private readonly outbox: Outbox,
  ) {}

  async execute({ input }: RegisterCustomerCommand): Promise<CustomerDto> {
    const record = Object.assign(new CustomerRecord(), {
      id: randomUUID(),
      name: input.name.trim(),
      email: input.email.trim(),
      createdAt: new Date(),
      deletedAt: null,
    });
    return this.db.transaction(async () => {
      await this.customers.save(record);
      const customer = toCustomerDto(record);
      await this.outbox.publish(
        new CustomerRegistered({ customerId: customer.id, name: customer.name, email: customer.email, registeredAt: customer.createdAt }),
      );
      return customer;
    });
  }
}
