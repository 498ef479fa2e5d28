import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountOpening } from '../../account-opening';
import { OpenAccountCommand } from './open-account.command';

@CommandHandler(OpenAccountCommand)
export class OpenAccountHandler implements ICommandHandler<OpenAccountCommand, void> {
  constructor(private readonly opening: AccountOpening) {}

  execute({ customerId }: OpenAccountCommand): Promise<void> {
    return this.opening.open(customerId);
  }
}
