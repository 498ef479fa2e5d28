import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ModuleDatabase } from '../../../../../shared/database/module-database';
import { AccountHoldersRepository } from '../../../infrastructure/account-holders.repository';
import { AccountOpening } from '../../account-opening';
import { CloseAccountCommand } from './close-account.command';

@CommandHandler(CloseAccountCommand)
export class CloseAccountHandler implements ICommandHandler<CloseAccountCommand, void> {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly opening: AccountOpening,
    private readonly holders: AccountHoldersRepository,
  ) {}

  execute({ customerId, closedAt }: CloseAccountCommand): Promise<void> {
    return this.db.transaction(async () => {
      await this.opening.open(customerId);
      await this.holders.close(customerId, closedAt);
    });
  }
}
