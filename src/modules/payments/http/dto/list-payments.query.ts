import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { ListQuery } from '../../../../module-kit/http/list-query';

export class ListPaymentsQueryParams extends ListQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  orderId!: string;
}
