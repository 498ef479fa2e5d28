import { Forwarded } from '../../../module-kit/forwarded';
import { Page, PageRequest } from '../../../module-kit/pagination/page';
import { CustomerDto, RegisterCustomerInput, UpdateCustomerInput } from './customer.dto';

/**
 * Everything other modules and the HTTP API may ask of the customers module. Bound to the module itself
 * in the process that hosts it, and to a transport proxy everywhere else; callers cannot tell which.
 * Failures are DomainErrors with a code from CustomersErrors.
 * Its `Forwarded` decorator marks each method `read` (a remote proxy may retry it) or `write` (sent once).
 */
@Forwarded({
  register: 'write',
  get: 'read',
  list: 'read',
  update: 'write',
  delete: 'write',
})
export abstract class CustomersPort {
  /** Signs a customer up; fails with EMAIL_TAKEN when the email (case-insensitive) belongs to another. */
  abstract register(input: RegisterCustomerInput): Promise<CustomerDto>;
  /** Fails with NOT_FOUND for an unknown or deleted customer. */
  abstract get(customerId: string): Promise<CustomerDto>;
  abstract list(page: PageRequest): Promise<Page<CustomerDto>>;
  abstract update(customerId: string, changes: UpdateCustomerInput): Promise<CustomerDto>;
  /** Deletes a customer; their later orders are refused. */
  abstract delete(customerId: string): Promise<void>;
}
