import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Page, PageRequest } from '../../../module-kit/pagination/page';
import { AccountDto, AccountEventDto, PaymentDto } from '../contracts/payments.dto';
import { PaymentsPort, WriteOptions } from '../contracts/payments.port';
import { DepositFundsCommand } from './commands/deposit-funds/deposit-funds.command';
import { GetAccountQuery } from './queries/get-account/get-account.query';
import { ListAccountEventsQuery } from './queries/list-account-events/list-account-events.query';
import { ListPaymentsQuery } from './queries/list-payments/list-payments.query';

/** The payments port in the process that hosts the module: each call is a command or a query on the buses. */
@Injectable()
export class LocalPaymentsPort extends PaymentsPort {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {
    super();
  }

  deposit(customerId: string, amountCents: number, options: WriteOptions = {}): Promise<AccountDto> {
    return this.commands.execute(new DepositFundsCommand(customerId, amountCents, options.idempotencyKey));
  }

  getAccount(customerId: string): Promise<AccountDto> {
    return this.queries.execute(new GetAccountQuery(customerId));
  }

  listAccountEvents(customerId: string, page: PageRequest): Promise<Page<AccountEventDto>> {
    return this.queries.execute(new ListAccountEventsQuery(customerId, page));
  }

  listPayments(orderId: string, page: PageRequest): Promise<Page<PaymentDto>> {
    return this.queries.execute(new ListPaymentsQuery(orderId, page));
  }
}
