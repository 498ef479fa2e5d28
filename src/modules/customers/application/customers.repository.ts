import { Page, PageRequest } from '../../../module-kit/pagination/page';
import { Customer } from '../domain/customer';

/**
 * Where the use cases keep customers: what they need of storage, in their own terms. The module binds it to
 * its PostgreSQL implementation (infrastructure/); a test can bind it to one in memory.
 */
export abstract class CustomersRepository {
  /** The customer, unless there is none with this id or it was deleted. */
  abstract findActive(id: string): Promise<Customer | null>;

  /** Stores a new or changed customer; CUSTOMER_EMAIL_TAKEN when another has its email. */
  abstract save(customer: Customer): Promise<void>;

  /** The customers not deleted, newest first. */
  abstract listActive(page: PageRequest): Promise<Page<Customer>>;
}
