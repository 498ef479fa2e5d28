import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ModuleDatabase } from '../../../../../shared/database/module-database';
import { AccountDto } from '../../../contracts/payments.dto';
import { AccountStore } from '../../../infrastructure/account-store';
import { AccountOpening } from '../../account-opening';
import { toAccountDto } from '../../account.dto-mapper';
import { GetAccountQuery } from './get-account.query';

/** The balance is folded from the account's events on every read: there is no stored balance to drift. */
@QueryHandler(GetAccountQuery)
export class GetAccountHandler implements IQueryHandler<GetAccountQuery, AccountDto> {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly opening: AccountOpening,
    private readonly store: AccountStore,
  ) {}

  execute({ customerId }: GetAccountQuery): Promise<AccountDto> {
    return this.db.transaction(async () => {
      await this.opening.requireOpen(customerId);
      return toAccountDto(await this.store.load(customerId));
    });
  }
}
