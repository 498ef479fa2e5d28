import { Forwarded } from '../../../module-kit/forwarded';
import { Page, PageRequest } from '../../../module-kit/pagination/page';
import { AccountDto, AccountEventDto, PaymentDto } from './payments.dto';

export interface WriteOptions {
  /** A retry with the same key and request returns the first answer and has no second effect. */
  idempotencyKey?: string;
}

/**
 * What other modules and the HTTP API may ask of the payments module, wherever it runs. Failures are
 * DomainErrors with a code from PaymentsErrors. Captures and refunds are not here: they are requested
 * with the RequestPayment and RequestRefund messages, which survive a crash.
 * Its `Forwarded` decorator marks each method `read` (a remote proxy may retry it) or `write` (sent once).
 */
@Forwarded({
  deposit: 'write',
  getAccount: 'read',
  listAccountEvents: 'read',
  listPayments: 'read',
})
export abstract class PaymentsPort {
  /** Adds money to a customer's account; ACCOUNT_NOT_FOUND for an unknown or deleted customer. */
  abstract deposit(customerId: string, amountCents: number, options?: WriteOptions): Promise<AccountDto>;
  abstract getAccount(customerId: string): Promise<AccountDto>;
  /** The account's events, oldest first. */
  abstract listAccountEvents(customerId: string, page: PageRequest): Promise<Page<AccountEventDto>>;
  abstract listPayments(orderId: string, page: PageRequest): Promise<Page<PaymentDto>>;
}
