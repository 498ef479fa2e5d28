import { CustomerDto, CustomersErrors, CustomersPort } from '../../src/modules/customers/contracts';
import { DomainError } from '../../src/module-kit/errors/domain-error';

/**
 * The customers module as another module's use cases see it, a true edge for their specs: it knows the
 * customers it is given, and answers CUSTOMER_NOT_FOUND for any other, as the real one does.
 */
export class KnownCustomers extends CustomersPort {
  constructor(private readonly ids: string[]) {
    super();
  }

  async get(customerId: string): Promise<CustomerDto> {
    if (!this.ids.includes(customerId)) throw new DomainError(CustomersErrors.NOT_FOUND, 'not_found', `Customer ${customerId} does not exist.`);
    return { id: customerId, name: 'Ada', email: `${customerId}@example.com`, createdAt: '2026-01-01T00:00:00.000Z' };
  }

  register = () => Promise.reject(new Error('not part of the spec'));
  list = () => Promise.reject(new Error('not part of the spec'));
  update = () => Promise.reject(new Error('not part of the spec'));
  delete = () => Promise.reject(new Error('not part of the spec'));
}
