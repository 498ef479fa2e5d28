import { IsUUID } from 'class-validator';
import { ListQuery } from '../../../../shared/http/list-query';

export class ListPaymentsQueryParams extends ListQuery {
  @IsUUID()
  orderId!: string;
}
