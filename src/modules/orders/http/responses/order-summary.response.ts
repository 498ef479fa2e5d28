import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DeclineReason, DeclineReasons } from '../../../payments/contracts';
import { CancellationReason, OrderStatus } from '../../contracts/order.dto';
import { OrderSummaryDto, OrderTimelineEntryDto, OrderTimelineEvent, PaymentState } from '../../contracts/order-summary.dto';
import { CANCELLATION_REASONS, ORDER_STATUSES } from './order.response';

const PAYMENT_STATES: PaymentState[] = ['AWAITING', 'CAPTURED', 'DECLINED', 'REFUNDED'];
const TIMELINE_EVENTS: OrderTimelineEvent[] = ['PLACED', 'PAYMENT_CAPTURED', 'PAYMENT_DECLINED', 'CONFIRMED', 'CANCELLED', 'PAYMENT_REFUNDED'];

export class OrderTimelineEntryResponse implements OrderTimelineEntryDto {
  @ApiProperty({ enum: TIMELINE_EVENTS, enumName: 'OrderTimelineEvent', description: "An order's own event, or payments' answer about it" })
  event!: OrderTimelineEvent;

  @ApiProperty({ format: 'date-time', description: 'When it happened, by the clock of the module it happened in' })
  at!: string;
}

/** An order's summary as the API answers it (the OpenAPI schema of OrderSummaryDto). */
export class OrderSummaryResponse implements OrderSummaryDto {
  @ApiProperty({ format: 'uuid' })
  orderId!: string;

  @ApiProperty({ format: 'uuid' })
  customerId!: string;

  @ApiProperty({ enum: ORDER_STATUSES, enumName: 'OrderStatus' })
  status!: OrderStatus;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Cents' })
  totalCents!: number;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Units over all items' })
  itemCount!: number;

  @ApiProperty({ enum: PAYMENT_STATES, enumName: 'PaymentState', description: 'AWAITING until payments answers; REFUNDED once a captured payment was given back' })
  paymentState!: PaymentState;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Cents captured' })
  capturedCents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Cents refunded' })
  refundedCents!: number;

  @ApiPropertyOptional({ enum: CANCELLATION_REASONS, enumName: 'CancellationReason', description: 'Set when CANCELLED' })
  cancellationReason?: CancellationReason;

  @ApiPropertyOptional({ enum: Object.values(DeclineReasons), enumName: 'DeclineReason', description: 'Why payments declined the payment, when it did' })
  declineReason?: DeclineReason;

  @ApiProperty({ format: 'date-time' })
  placedAt!: string;

  @ApiProperty({ format: 'date-time', description: 'When the newest event of the timeline happened' })
  lastEventAt!: string;

  @ApiProperty({ type: () => [OrderTimelineEntryResponse], description: 'Oldest first' })
  timeline!: OrderTimelineEntryResponse[];
}
