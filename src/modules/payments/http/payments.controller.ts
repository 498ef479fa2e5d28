import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, assertCanAccessCustomer } from '../../../module-kit/security/actor';
import { CurrentActor } from '../../../module-kit/security/decorators';
import { Page } from '../../../module-kit/pagination/page';
import { PaymentDto } from '../contracts/payments.dto';
import { PaymentsPort } from '../contracts/payments.port';
import { ListPaymentsQueryParams } from './dto/list-payments.query';
import { PaymentPage } from './responses/payment.response';

/** HTTP in front of the payments port: payments of an order. */
@ApiTags('payments')
@Controller('api/v1/payments')
export class PaymentsController {
  constructor(private readonly payments: PaymentsPort) {}

  @Get()
  @ApiOperation({ summary: 'List the payments of an order' })
  @ApiOkResponse({ type: PaymentPage, description: 'A page of payments (an order has at most one)' })
  async list(@CurrentActor() actor: Actor, @Query() query: ListPaymentsQueryParams): Promise<Page<PaymentDto>> {
    const page = await this.payments.listPayments(query.orderId, query.toPageRequest());
    // A payment names its customer: a customer sees the payments of their own orders only.
    for (const payment of page.items) assertCanAccessCustomer(actor, payment.customerId);
    return page;
  }
}
