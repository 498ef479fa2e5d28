import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ModuleName } from '../../module-kit/config/module-name';
import { MODULE_NAMES } from '../module-names';
import { ListQuery } from '../../module-kit/http/list-query';
import { DeadLetter } from '../../platform/messaging/dead-letter';
import { DeadLetterPage } from './dead-letter-directory';

export class ListDeadLettersQuery extends ListQuery {
  @ApiPropertyOptional({ enum: MODULE_NAMES, description: 'Only the dead letters of this producing module (503 MODULE_UNAVAILABLE if it cannot be reached)' })
  @IsOptional()
  @IsIn(MODULE_NAMES)
  module?: ModuleName;
}

/** The OpenAPI description of a dead letter (the type itself is DeadLetter). */
export class DeadLetterResponse implements DeadLetter {
  @ApiProperty({ format: 'uuid', description: 'The dead letter, as replay takes it' })
  id!: string;

  @ApiProperty({ enum: MODULE_NAMES, description: 'The module whose outbox produced the message and keeps the dead letter' })
  module!: ModuleName;

  @ApiProperty({ enum: MODULE_NAMES, description: 'The module whose handler kept failing' })
  destination!: ModuleName;

  @ApiProperty({ example: 'RequestPayment' })
  name!: string;

  @ApiProperty({ type: 'integer', example: 1 })
  version!: number;

  @ApiProperty({ format: 'uuid', description: 'The message id, which the consumer records in its inbox' })
  messageId!: string;

  @ApiProperty({ description: 'What the order of delivery is kept by (the order the message is about, say)' })
  orderingKey!: string;

  @ApiProperty({ type: 'integer', description: 'Delivery attempts made before giving up' })
  attempts!: number;

  @ApiProperty({ description: 'What the last attempt failed with' })
  lastError!: string;

  @ApiProperty({ format: 'date-time', description: 'When the message was written' })
  occurredAt!: string;

  @ApiProperty({ format: 'date-time' })
  deadLetteredAt!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The message as it was written' })
  payload!: object;
}

export class DeadLetterPageResponse implements DeadLetterPage {
  @ApiProperty({ type: [DeadLetterResponse] })
  items!: DeadLetterResponse[];

  @ApiProperty({ type: 'string', nullable: true, description: 'Pass as ?cursor= for the next page; null on the last one' })
  nextCursor!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { customers: 0, orders: 2, payments: 0 },
    description: 'How many dead letters each module that answered holds in all',
  })
  totals!: Partial<Record<ModuleName, number>>;

  @ApiProperty({ enum: MODULE_NAMES, isArray: true, description: 'Modules that could not be reached: their dead letters are missing from this page' })
  unavailable!: ModuleName[];
}
