import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOf } from '../../../../module-kit/http/openapi/page-of';
import { AccountDto, AccountEventDto, AccountEventType } from '../../contracts/payments.dto';

const ACCOUNT_EVENT_TYPES: AccountEventType[] = ['AccountOpened', 'FundsDeposited', 'PaymentCaptured', 'PaymentRefunded'];

/** A customer's account as the API answers it (the OpenAPI schema of AccountDto). */
export class AccountResponse implements AccountDto {
  @ApiProperty({ format: 'uuid' })
  customerId!: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Cents, derived from the account events; never below zero' })
  balanceCents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'The version of the last event' })
  version!: number;
}

/** One event of an account (the OpenAPI schema of AccountEventDto). */
export class AccountEventResponse implements AccountEventDto {
  @ApiProperty({ type: 'integer', minimum: 0 })
  version!: number;

  @ApiProperty({ enum: ACCOUNT_EVENT_TYPES, enumName: 'AccountEventType', description: 'What happened to the account' })
  type!: AccountEventType;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Cents' })
  amountCents!: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'For a capture or a refund: the order paid' })
  orderId?: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;
}

export class AccountEventPage extends PageOf(AccountEventResponse) {}
