import { Command } from '@nestjs/cqrs';
import { IdempotencyClaim, IdempotentCommand } from '../../../../../module-kit/unit-of-work';
import { AccountDto } from '../../../contracts/payments.dto';

export class DepositFundsCommand extends Command<AccountDto> implements IdempotentCommand {
  constructor(
    readonly customerId: string,
    readonly amountCents: number,
    readonly idempotencyKey?: string,
  ) {
    super();
  }

  get idempotency(): IdempotencyClaim {
    return { scope: `payments.deposit:${this.customerId}`, key: this.idempotencyKey, request: { customerId: this.customerId, amountCents: this.amountCents } };
  }
}
