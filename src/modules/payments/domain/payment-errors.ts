import { DomainError } from '../../../module-kit/errors/domain-error';
import { PaymentsErrors } from '../contracts/payments.errors';

export class AccountNotFoundError extends DomainError {
  constructor(customerId: string) {
    super(PaymentsErrors.ACCOUNT_NOT_FOUND, 'not_found', `There is no account for customer ${customerId}.`);
  }
}
