import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ModuleDatabase } from '../../../../../shared/database/module-database';
import { AccountOpening } from '../../account-opening';
import { OpenAccountCommand } from './open-account.command';

@CommandHandler(OpenAccountCommand)
export class OpenAccountHandler implements ICommandHandler<OpenAccountCommand, void> {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly opening: AccountOpening,
  ) {}

  execute({ customerId }: OpenAccountCommand): Promise<void> {
    return this.db.transaction(() => this.opening.open(customerId));
  }
}
