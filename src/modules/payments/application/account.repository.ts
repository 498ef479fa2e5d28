import { Account, AccountEventDraft, RecordedAccountEvent } from '../domain/account';

/**
 * The accounts' event store as the use cases need it. Saving an account is appending the events a decision
 * produced; `change` decides on the account as it stands and appends at the next version, deciding again if
 * another writer got there first, so that no two decisions are ever made on the same balance.
 */
export abstract class AccountRepository {
  abstract load(customerId: string): Promise<Account>;

  abstract events(customerId: string, afterVersion?: number, limit?: number): Promise<RecordedAccountEvent[]>;

  /** Must run inside the unit of work: the account stays locked until it ends. */
  abstract change(customerId: string, decide: (account: Account) => AccountEventDraft[]): Promise<{ account: Account; appended: AccountEventDraft[] }>;
}
