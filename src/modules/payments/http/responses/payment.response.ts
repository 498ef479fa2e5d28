import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOf } from '../../../../module-kit/http/openapi/page-of';
import { PaymentDto, PaymentStatus } from '../../contracts/payments.dto';

const PAYMENT_STATUSES: PaymentStatus[] = ['CAPTURED', 'DECLINED', 'REFUNDED'];

/** A payment as the API answers it (the OpenAPI schema of PaymentDto). */
export class PaymentResponse implements PaymentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  orderId!: string;

  @ApiProperty({ format: 'uuid' })
  customerId!: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Cents' })
  amountCents!: number;

  @ApiProperty({ enum: PAYMENT_STATUSES, enumName: 'PaymentStatus', description: 'REFUNDED once its order is cancelled' })
  status!: PaymentStatus;

  @ApiPropertyOptional({ description: 'Why it was DECLINED, e.g. INSUFFICIENT_FUNDS', example: 'INSUFFICIENT_FUNDS' })
  reason?: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class PaymentPage extends PageOf(PaymentResponse) {}
