import { Page, PageRequest } from '../../../shared/pagination/page';
import { CustomerDto, RegisterCustomerInput, UpdateCustomerInput } from './customer.dto';

/**
 * Everything other modules and the HTTP API may ask of the customers module. Bound to the module itself
 * in the process that hosts it, and to a transport proxy everywhere else; callers cannot tell which.
 * Failures are DomainErrors with a code from CustomersErrors.
 */
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

/** The port's methods, for the transport: a remote proxy forwards exactly these. */
export const customersPortMethods = ['register', 'get', 'list', 'update', 'delete'] as const satisfies ReadonlyArray<keyof CustomersPort>;

/** The methods that only read: a remote proxy may repeat these after a failure; the others are sent once. */
export const customersPortReads = ['get', 'list'] as const satisfies ReadonlyArray<(typeof customersPortMethods)[number]>;
