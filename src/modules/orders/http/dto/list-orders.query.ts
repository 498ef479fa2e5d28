import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ListQuery } from '../../../../shared/http/list-query';
import { OrderStatus } from '../../contracts/order.dto';

export class ListOrdersQueryParams extends ListQuery {
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @IsOptional()
  @IsIn(['PENDING', 'CONFIRMED', 'CANCELLED'])
  status?: OrderStatus;
}
