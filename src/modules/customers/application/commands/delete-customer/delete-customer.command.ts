import { Command } from '@nestjs/cqrs';

export class DeleteCustomerCommand extends Command<void> {
  constructor(readonly customerId: string) {
    super();
  }
}
