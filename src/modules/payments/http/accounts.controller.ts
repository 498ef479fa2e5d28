import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { Actor, assertCanAccessCustomer } from '../../../shared/security/actor';
import { CurrentActor } from '../../../shared/security/decorators';
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
  deposit(
    @CurrentActor() actor: Actor,
    @Param('customerId', ParseUUIDPipe) customerId: string,
    @Body() body: DepositBody,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<AccountDto> {
    assertCanAccessCustomer(actor, customerId);
    return this.payments.deposit(customerId, body.amountCents, { idempotencyKey });
  }

  @Get(':customerId')
  get(@CurrentActor() actor: Actor, @Param('customerId', ParseUUIDPipe) customerId: string): Promise<AccountDto> {
    assertCanAccessCustomer(actor, customerId);
    return this.payments.getAccount(customerId);
  }

  @Get(':customerId/events')
  events(@CurrentActor() actor: Actor, @Param('customerId', ParseUUIDPipe) customerId: string, @Query() query: ListQuery): Promise<Page<AccountEventDto>> {
    assertCanAccessCustomer(actor, customerId);
    return this.payments.listAccountEvents(customerId, query.toPageRequest());
  }
}
