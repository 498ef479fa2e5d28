import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CancellationReason } from '../../contracts/order.dto';
import { OrderSagaDto, OrderSagaState, OrderSagaStepDto, OrderSagaStepName, SagaCompensationDto, SagaStyle } from '../../contracts/order-saga.dto';
import { CANCELLATION_REASONS } from './order.response';

const SAGA_STYLES: SagaStyle[] = ['choreography', 'orchestration'];
const SAGA_STATES: OrderSagaState[] = ['AWAITING_PAYMENT', 'CONFIRMED', 'CANCELLED', 'CANCELLED_AWAITING_PAYMENT', 'REFUNDING', 'REFUNDED'];
const STEP_NAMES: OrderSagaStepName[] = ['PAYMENT_REQUESTED', 'PAYMENT_CAPTURED', 'PAYMENT_DECLINED', 'ORDER_CONFIRMED', 'ORDER_CANCELLED', 'REFUND_REQUESTED', 'PAYMENT_REFUNDED'];

export class OrderSagaStepResponse implements OrderSagaStepDto {
  @ApiProperty({ enum: STEP_NAMES, enumName: 'OrderSagaStepName', description: "An answer from payments, or a step the saga took (the order's change, a request sent)" })
  name!: OrderSagaStepName;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiPropertyOptional({ enum: CANCELLATION_REASONS, enumName: 'CancellationReason', description: 'ORDER_CANCELLED only' })
  reason?: CancellationReason;
}

export class SagaCompensationResponse implements SagaCompensationDto {
  @ApiProperty({ enum: ['REFUND'], description: 'The captured payment is given back' })
  action!: 'REFUND';

  @ApiProperty({ format: 'date-time' })
  requestedAt!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When payments reported the refund done (orchestration only)' })
  completedAt?: string;
}

/** An order's saga as the API answers it (the OpenAPI schema of OrderSagaDto). */
export class OrderSagaResponse implements OrderSagaDto {
  @ApiProperty({ format: 'uuid' })
  orderId!: string;

  @ApiProperty({ format: 'uuid' })
  customerId!: string;

  @ApiProperty({ enum: SAGA_STYLES, enumName: 'SagaStyle', description: 'The style the order was placed in (SAGA at the time)' })
  style!: SagaStyle;

  @ApiProperty({
    enum: SAGA_STATES,
    enumName: 'OrderSagaState',
    description: 'CANCELLED_AWAITING_PAYMENT, REFUNDING and REFUNDED are orchestration\'s: choreography shows the order\'s status',
  })
  state!: OrderSagaState;

  @ApiPropertyOptional({ format: 'date-time', description: 'When an unanswered payment cancels the order (PAYMENT_TIMEOUT)' })
  paymentDeadline?: string;

  @ApiProperty({ type: () => [OrderSagaStepResponse], description: 'Oldest first; in choreography, derived from the order' })
  steps!: OrderSagaStepResponse[];

  @ApiPropertyOptional({ type: () => SagaCompensationResponse })
  compensation?: SagaCompensationResponse;
}
