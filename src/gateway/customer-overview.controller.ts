import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../module-kit/http/openapi/api-problems.decorator';
import { Actor, assertCanAccessCustomer } from '../module-kit/security/actor';
import { CurrentActor } from '../module-kit/security/decorators';
import { CustomerDto, CustomersErrors, CustomersPort } from '../modules/customers/contracts';
import { OrderDto, OrdersPort } from '../modules/orders/contracts';
import { AccountDto, PaymentsErrors, PaymentsPort } from '../modules/payments/contracts';
import { CustomerOverviewResponse } from './customer-overview.response';

export interface CustomerOverview {
  customer: CustomerDto;
  account: AccountDto;
  orders: OrderDto[];
}

/**
 * API composition, the gateway's job: one answer built from all three modules through their ports. It
 * lives outside the modules so that none of them depends on the other two, and it works the same whether
 * the modules are in this process or not.
 */
@ApiTags('customers')
@Controller('api/v1/customers')
export class CustomerOverviewController {
  constructor(
    private readonly customers: CustomersPort,
    private readonly payments: PaymentsPort,
    private readonly orders: OrdersPort,
  ) {}

  @Get(':id/overview')
  @ApiOperation({ summary: 'A customer with their account and newest orders', description: 'Composed from the three modules.' })
  @ApiOkResponse({ type: CustomerOverviewResponse, description: 'The overview' })
  @ApiProblems({ 404: [CustomersErrors.NOT_FOUND, PaymentsErrors.ACCOUNT_NOT_FOUND] })
  async overview(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CustomerOverview> {
    assertCanAccessCustomer(actor, id);
    const customer = await this.customers.get(id);
    const [account, orders] = await Promise.all([this.payments.getAccount(id), this.orders.list({ customerId: id }, { limit: 20 })]);
    return { customer, account, orders: orders.items };
  }
}
