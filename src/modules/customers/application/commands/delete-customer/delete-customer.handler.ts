import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ModuleDatabase } from '../../../../../shared/database/module-database';
import { Outbox } from '../../../../../shared/messaging/outbox';
import { CustomerDeleted } from '../../../contracts/customers.events';
import { CustomerNotFoundError } from '../../../domain/customer-errors';
import { CustomersRepository } from '../../../infrastructure/customers.repository';
import { DeleteCustomerCommand } from './delete-customer.command';

@CommandHandler(DeleteCustomerCommand)
export class DeleteCustomerHandler implements ICommandHandler<DeleteCustomerCommand, void> {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly customers: CustomersRepository,
    private readonly outbox: Outbox,
  ) {}

  async execute({ customerId }: DeleteCustomerCommand): Promise<void> {
    await this.db.transaction(async () => {
      const record = await this.customers.findActive(customerId);
      if (!record) throw new CustomerNotFoundError(customerId);
      record.deletedAt = new Date();
      await this.customers.save(record);
      await this.outbox.publish(new CustomerDeleted({ customerId, deletedAt: record.deletedAt.toISOString() }));
    });
  }
}
