import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CustomerDto } from '../../../contracts/customer.dto';
import { CustomerNotFoundError } from '../../../domain/customer-errors';
import { CustomersRepository, toCustomerDto } from '../../../infrastructure/customers.repository';
import { GetCustomerQuery } from './get-customer.query';

@QueryHandler(GetCustomerQuery)
export class GetCustomerHandler implements IQueryHandler<GetCustomerQuery, CustomerDto> {
  constructor(private readonly customers: CustomersRepository) {}

  async execute({ customerId }: GetCustomerQuery): Promise<CustomerDto> {
    const record = await this.customers.findActive(customerId);
    if (!record) throw new CustomerNotFoundError(customerId);
    return toCustomerDto(record);
  }
}
