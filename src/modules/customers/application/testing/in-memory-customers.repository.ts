import { Page, PageRequest } from '../../../../module-kit/pagination/page';
import { Customer } from '../../domain/customer';
import { EmailTakenError } from '../../domain/customer-errors';
import { CustomersRepository } from '../customers.repository';

/** The customers kept in a map: the use cases' storage as their interface promises it, for specs without a database. */
export class InMemoryCustomersRepository extends CustomersRepository {
  readonly customers = new Map<string, Customer>();

  async findActive(id: string): Promise<Customer | null> {
    const customer = this.customers.get(id);
    return customer && !customer.isDeleted ? customer : null;
  }

  async save(customer: Customer): Promise<void> {
    const taken = [...this.customers.values()].some((other) => other.id !== customer.id && other.email === customer.email);
    if (taken) throw new EmailTakenError(customer.email);
    this.customers.set(customer.id, customer);
  }

  async listActive(page: PageRequest): Promise<Page<Customer>> {
    const active = [...this.customers.values()].filter((customer) => !customer.isDeleted);
    return { items: active.slice(0, page.limit), nextCursor: null };
  }
}
