import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ListQuery } from '../../../../module-kit/http/list-query';
import { OrderStatus } from '../../contracts/order.dto';

export class ListOrdersQueryParams extends ListQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Required for a customer token: their own id' })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ enum: ['PENDING', 'CONFIRMED', 'CANCELLED'] })
  @IsOptional()
  @IsIn(['PENDING', 'CONFIRMED', 'CANCELLED'])
  status?: OrderStatus;
}
