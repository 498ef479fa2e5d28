import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOf } from '../../../../module-kit/http/openapi/page-of';
import { DeclineReason, DeclineReasons } from '../../../payments/contracts';
import { CancellationReason, OrderDto, OrderItemDto, OrderStatus } from '../../contracts/order.dto';

export const ORDER_STATUSES: OrderStatus[] = ['PENDING', 'CONFIRMED', 'CANCELLED'];
export const CANCELLATION_REASONS: CancellationReason[] = ['PAYMENT_DECLINED', 'PAYMENT_TIMEOUT', 'CANCELLED_BY_CUSTOMER'];

export class OrderItemResponse implements OrderItemDto {
  @ApiProperty({ minLength: 1, maxLength: 64, example: 'tea' })
  sku!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000 })
  quantity!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Cents' })
  unitPriceCents!: number;
}

/** An order as the API answers it (the OpenAPI schema of OrderDto). */
export class OrderResponse implements OrderDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  customerId!: string;

  @ApiProperty({ type: () => [OrderItemResponse] })
  items!: OrderItemResponse[];

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Cents, computed by the server' })
  totalCents!: number;

  @ApiProperty({ enum: ORDER_STATUSES, enumName: 'OrderStatus', description: 'PENDING until the payment settles it' })
  status!: OrderStatus;

  @ApiPropertyOptional({
    enum: CANCELLATION_REASONS,
    enumName: 'CancellationReason',
    description:
      'Set when CANCELLED. PAYMENT_TIMEOUT: payments did not answer in time; a capture that comes later is refunded. The set may grow: a client treats a reason it does not know as a cancellation',
  })
  cancellationReason?: CancellationReason;

  @ApiPropertyOptional({ enum: Object.values(DeclineReasons), enumName: 'DeclineReason', description: 'Why payments declined the payment, when it did' })
  declineReason?: DeclineReason;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class OrderPage extends PageOf(OrderResponse) {}
