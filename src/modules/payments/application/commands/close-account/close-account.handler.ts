import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountHolders } from '../../account-holders';
import { AccountOpening } from '../../account-opening';
import { CloseAccountCommand } from './close-account.command';

@CommandHandler(CloseAccountCommand)
export class CloseAccountHandler implements ICommandHandler<CloseAccountCommand, void> {
  constructor(
    private readonly opening: AccountOpening,
    private readonly holders: AccountHolders,
  ) {}

  async execute({ customerId, closedAt }: CloseAccountCommand): Promise<void> {
    await this.opening.open(customerId);
    await this.holders.close(customerId, closedAt);
  }
}
