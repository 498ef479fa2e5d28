import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AccountDto } from '../../../contracts/payments.dto';
import { AccountOpening } from '../../account-opening';
import { AccountRepository } from '../../account.repository';
import { toAccountDto } from '../../account.dto-mapper';
import { GetAccountQuery } from './get-account.query';

/**
 * The balance as of the account's latest event. Runs in the unit of work (payments.module.ts): an account
 * asked for before payments heard of its customer is opened on the way.
 */
@QueryHandler(GetAccountQuery)
export class GetAccountHandler implements IQueryHandler<GetAccountQuery, AccountDto> {
  constructor(
    private readonly opening: AccountOpening,
    private readonly accounts: AccountRepository,
  ) {}

  async execute({ customerId }: GetAccountQuery): Promise<AccountDto> {
    await this.opening.requireOpen(customerId);
    return toAccountDto(await this.accounts.load(customerId));
  }
}
