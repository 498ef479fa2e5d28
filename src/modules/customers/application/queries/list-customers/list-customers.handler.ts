import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Page } from '../../../../../module-kit/pagination/page';
import { CustomerDto } from '../../../contracts/customer.dto';
import { toCustomerDto } from '../../customer.dto-mapper';
import { CustomersRepository } from '../../customers.repository';
import { ListCustomersQuery } from './list-customers.query';

@QueryHandler(ListCustomersQuery)
export class ListCustomersHandler implements IQueryHandler<ListCustomersQuery, Page<CustomerDto>> {
  constructor(private readonly customers: CustomersRepository) {}

  async execute({ page }: ListCustomersQuery): Promise<Page<CustomerDto>> {
    const customers = await this.customers.listActive(page);
    return { ...customers, items: customers.items.map(toCustomerDto) };
  }
}
