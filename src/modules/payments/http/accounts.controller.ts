import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, assertCanAccessCustomer } from '../../../module-kit/security/actor';
import { CurrentActor } from '../../../module-kit/security/decorators';
import { IdempotencyKey } from '../../../module-kit/http/idempotency-key.decorator';
import { ListQuery } from '../../../module-kit/http/list-query';
import { ApiProblems } from '../../../module-kit/http/openapi/api-problems.decorator';
import { Page } from '../../../module-kit/pagination/page';
import { AccountDto, AccountEventDto } from '../contracts/payments.dto';
import { PaymentsErrors } from '../contracts/payments.errors';
import { PaymentsPort } from '../contracts/payments.port';
import { DepositBody } from './dto/deposit.body';
import { AccountEventPage, AccountResponse } from './responses/account.response';

/** HTTP in front of the payments port: accounts. */
@ApiTags('payments')
@Controller('api/v1/accounts')
export class AccountsController {
  constructor(private readonly payments: PaymentsPort) {}

  @Post(':customerId/deposits')
  @ApiOperation({ summary: 'Deposit money in a customer\'s account' })
  @ApiCreatedResponse({ type: AccountResponse, description: 'The account after the deposit' })
  @ApiProblems({ 404: [PaymentsErrors.ACCOUNT_NOT_FOUND] })
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
  @ApiOperation({ summary: 'Get a customer\'s account' })
  @ApiOkResponse({ type: AccountResponse, description: 'The account' })
  @ApiProblems({ 404: [PaymentsErrors.ACCOUNT_NOT_FOUND] })
  get(@CurrentActor() actor: Actor, @Param('customerId', ParseUUIDPipe) customerId: string): Promise<AccountDto> {
    assertCanAccessCustomer(actor, customerId);
    return this.payments.getAccount(customerId);
  }

  @Get(':customerId/events')
  @ApiOperation({ summary: 'List the events of a customer\'s account', description: 'Oldest first.' })
  @ApiOkResponse({ type: AccountEventPage, description: 'A page of events' })
  @ApiProblems({ 404: [PaymentsErrors.ACCOUNT_NOT_FOUND] })
  events(@CurrentActor() actor: Actor, @Param('customerId', ParseUUIDPipe) customerId: string, @Query() query: ListQuery): Promise<Page<AccountEventDto>> {
    assertCanAccessCustomer(actor, customerId);
    return this.payments.listAccountEvents(customerId, query.toPageRequest());
  }
}
