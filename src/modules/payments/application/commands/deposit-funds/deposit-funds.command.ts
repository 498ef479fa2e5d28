import { Command } from '@nestjs/cqrs';
import { AccountDto } from '../../../contracts/payments.dto';

export class DepositFundsCommand extends Command<AccountDto> {
  constructor(
    readonly customerId: string,
    readonly amountCents: number,
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}
