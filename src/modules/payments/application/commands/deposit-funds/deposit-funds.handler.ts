import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IdempotencyStore } from '../../../../../shared/idempotency/idempotency-store';
import { AccountDto } from '../../../contracts/payments.dto';
import { AccountStore } from '../../../infrastructure/account-store';
import { AccountOpening } from '../../account-opening';
import { toAccountDto } from '../../account.dto-mapper';
import { DepositFundsCommand } from './deposit-funds.command';

@CommandHandler(DepositFundsCommand)
export class DepositFundsHandler implements ICommandHandler<DepositFundsCommand, AccountDto> {
  constructor(
    private readonly opening: AccountOpening,
    private readonly store: AccountStore,
    private readonly idempotency: IdempotencyStore,
  ) {}

  execute({ customerId, amountCents, idempotencyKey }: DepositFundsCommand): Promise<AccountDto> {
    return this.idempotency.once(`payments.deposit:${customerId}`, idempotencyKey, { customerId, amountCents }, async () => {
      await this.opening.requireOpen(customerId);
      const { account } = await this.store.change(customerId, () => [{ type: 'FundsDeposited', amountCents }]);
      return toAccountDto(account);
    });
  }
}
