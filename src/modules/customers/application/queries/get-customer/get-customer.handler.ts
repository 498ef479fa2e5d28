import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CustomerDto } from '../../../contracts/customer.dto';
import { CustomerNotFoundError } from '../../../domain/customer-errors';
import { toCustomerDto } from '../../customer.dto-mapper';
import { CustomersRepository } from '../../customers.repository';
import { GetCustomerQuery } from './get-customer.query';

@QueryHandler(GetCustomerQuery)
export class GetCustomerHandler implements IQueryHandler<GetCustomerQuery, CustomerDto> {
  constructor(private readonly customers: CustomersRepository) {}

  async execute({ customerId }: GetCustomerQuery): Promise<CustomerDto> {
    const customer = await this.customers.findActive(customerId);
    if (!customer) throw new CustomerNotFoundError(customerId);
    return toCustomerDto(customer);
  }
}
