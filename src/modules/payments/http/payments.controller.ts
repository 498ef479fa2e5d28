import { Controller, Get, Query } from '@nestjs/common';
import { Page } from '../../../shared/pagination/page';
import { PaymentDto } from '../contracts/payments.dto';
import { PaymentsPort } from '../contracts/payments.port';
import { ListPaymentsQueryParams } from './dto/list-payments.query';

/** HTTP in front of the payments port: payments of an order. */
@Controller('api/v1/payments')
export class PaymentsController {
  constructor(private readonly payments: PaymentsPort) {}

  @Get()
  list(@Query() query: ListPaymentsQueryParams): Promise<Page<PaymentDto>> {
    return this.payments.listPayments(query.orderId, query.toPageRequest());
  }
}
