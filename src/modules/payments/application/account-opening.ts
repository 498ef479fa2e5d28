import { Injectable } from '@nestjs/common';
import { DomainError } from '../../../module-kit/errors/domain-error';
import { CustomersErrors, CustomersPort } from '../../customers/contracts';
import { AccountNotFoundError } from '../domain/payment-errors';
import { AccountHolders } from './account-holders';
import { AccountRepository } from './account.repository';

/**
 * Every customer has an account. It is opened when payments hears of the customer (CustomerRegistered),
 * or on first use if a client gets here before that event does: then the customers module is asked.
 * Either way it is opened once, with an AccountOpened event at version 1.
 */
@Injectable()
export class AccountOpening {
  constructor(
    private readonly holders: AccountHolders,
    private readonly accounts: AccountRepository,
    private readonly customers: CustomersPort,
  ) {}

  /** Opens the account of a customer known to exist. Idempotent; runs inside the caller's unit of work. */
  async open(customerId: string): Promise<void> {
    if (await this.holders.add(customerId)) await this.accounts.change(customerId, (account) => account.open());
  }

  /** Ensures the named customer's account is open; ACCOUNT_NOT_FOUND for an unknown or deleted customer. */
  async requireOpen(customerId: string): Promise<void> {
    const holder = await this.holders.find(customerId);
    if (holder?.closedAt) throw new AccountNotFoundError(customerId);
    if (holder) return;
    try {
      await this.customers.get(customerId);
    } catch (error) {
      if (error instanceof DomainError && error.code === CustomersErrors.NOT_FOUND) throw new AccountNotFoundError(customerId);
      throw error;
    }
    await this.open(customerId);
  }
}
