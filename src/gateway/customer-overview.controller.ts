import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { Actor, assertCanAccessCustomer } from '../shared/security/actor';
import { CurrentActor } from '../shared/security/decorators';
import { CustomerDto, CustomersPort } from '../modules/customers/contracts';
import { OrderDto, OrdersPort } from '../modules/orders/contracts';
import { AccountDto, PaymentsPort } from '../modules/payments/contracts';

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
@Controller('api/v1/customers')
export class CustomerOverviewController {
  constructor(
    private readonly customers: CustomersPort,
    private readonly payments: PaymentsPort,
    private readonly orders: OrdersPort,
  ) {}

  @Get(':id/overview')
  async overview(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<CustomerOverview> {
    assertCanAccessCustomer(actor, id);
    const customer = await this.customers.get(id);
    const [account, orders] = await Promise.all([this.payments.getAccount(id), this.orders.list({ customerId: id }, { limit: 20 })]);
    return { customer, account, orders: orders.items };
  }
}
