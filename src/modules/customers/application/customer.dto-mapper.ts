import { CustomerDto } from '../contracts/customer.dto';
import { Customer } from '../domain/customer';

export function toCustomerDto(customer: Customer): CustomerDto {
  return { id: customer.id, name: customer.name, email: customer.email, createdAt: customer.createdAt.toISOString() };
}
