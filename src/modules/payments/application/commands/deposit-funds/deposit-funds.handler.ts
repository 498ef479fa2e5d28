import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountDto } from '../../../contracts/payments.dto';
import { AccountOpening } from '../../account-opening';
import { AccountRepository } from '../../account.repository';
import { toAccountDto } from '../../account.dto-mapper';
import { DepositFundsCommand } from './deposit-funds.command';

/** Puts money in a customer's account. A retry with the same Idempotency-Key gets the first answer back. */
@CommandHandler(DepositFundsCommand)
export class DepositFundsHandler implements ICommandHandler<DepositFundsCommand, AccountDto> {
  constructor(
    private readonly opening: AccountOpening,
    private readonly accounts: AccountRepository,
  ) {}

  async execute({ customerId, amountCents }: DepositFundsCommand): Promise<AccountDto> {
    await this.opening.requireOpen(customerId);
    const { account } = await this.accounts.change(customerId, (current) => current.deposit(amountCents));
    return toAccountDto(account);
  }
}
