import { ApiProperty } from '@nestjs/swagger';
import { CustomerResponse } from '../modules/customers/http/responses/customer.response';
import { OrderResponse } from '../modules/orders/http/responses/order.response';
import { AccountResponse } from '../modules/payments/http/responses/account.response';

/** The OpenAPI schema of a customer's overview, composed of the three modules' own answers. */
export class CustomerOverviewResponse {
  @ApiProperty({ type: () => CustomerResponse })
  customer!: CustomerResponse;

  @ApiProperty({ type: () => AccountResponse })
  account!: AccountResponse;

  @ApiProperty({ type: () => [OrderResponse], maxItems: 20, description: 'The 20 newest orders' })
  orders!: OrderResponse[];
}
