import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Page } from '../../../../../shared/pagination/page';
import { CustomerDto } from '../../../contracts/customer.dto';
import { CustomersRepository } from '../../../infrastructure/customers.repository';
import { ListCustomersQuery } from './list-customers.query';

@QueryHandler(ListCustomersQuery)
export class ListCustomersHandler implements IQueryHandler<ListCustomersQuery, Page<CustomerDto>> {
  constructor(private readonly customers: CustomersRepository) {}

  execute({ page }: ListCustomersQuery): Promise<Page<CustomerDto>> {
    return this.customers.listActive(page);
  }
}
