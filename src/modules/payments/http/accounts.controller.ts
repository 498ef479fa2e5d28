import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { IdempotencyKey } from '../../../shared/http/idempotency-key.decorator';
import { ListQuery } from '../../../shared/http/list-query';
import { Page } from '../../../shared/pagination/page';
import { AccountDto, AccountEventDto } from '../contracts/payments.dto';
import { PaymentsPort } from '../contracts/payments.port';
import { DepositBody } from './dto/deposit.body';

/** HTTP in front of the payments port: accounts. */
@Controller('api/v1/accounts')
export class AccountsController {
  constructor(private readonly payments: PaymentsPort) {}

  @Post(':customerId/deposits')
  deposit(@Param('customerId', ParseUUIDPipe) customerId: string, @Body() body: DepositBody, @IdempotencyKey() idempotencyKey?: string): Promise<AccountDto> {
    return this.payments.deposit(customerId, body.amountCents, { idempotencyKey });
  }

  @Get(':customerId')
  get(@Param('customerId', ParseUUIDPipe) customerId: string): Promise<AccountDto> {
    return this.payments.getAccount(customerId);
  }

  @Get(':customerId/events')
  events(@Param('customerId', ParseUUIDPipe) customerId: string, @Query() query: ListQuery): Promise<Page<AccountEventDto>> {
    return this.payments.listAccountEvents(customerId, query.toPageRequest());
  }
}
