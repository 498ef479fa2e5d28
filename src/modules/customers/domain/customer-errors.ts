import { DomainError } from '../../../module-kit/errors/domain-error';
import { CustomersErrors } from '../contracts/customers.errors';

export class CustomerNotFoundError extends DomainError {
  constructor(customerId: string) {
    super(CustomersErrors.NOT_FOUND, 'not_found', `Customer ${customerId} does not exist.`);
  }
}

export class EmailTakenError extends DomainError {
  constructor(email: string) {
    super(CustomersErrors.EMAIL_TAKEN, 'conflict', `The email ${email} is already registered.`);
  }
}

export class CustomerDetailsInvalidError extends DomainError {
  constructor(reason: string) {
    super(CustomersErrors.DETAILS_INVALID, 'unprocessable', reason);
  }
}
