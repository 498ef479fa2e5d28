/** A customer payments knows of; a deleted customer's account is closed. */
export interface AccountHolder {
  customerId: string;
  closedAt: Date | null;
}

/** The customers payments knows of: payments' own copy of what it needs from the customers module. */
export abstract class AccountHolders {
  abstract find(customerId: string): Promise<AccountHolder | null>;

  /** Records a holder; false when another unit of work already did. */
  abstract add(customerId: string): Promise<boolean>;

  abstract close(customerId: string, at: Date): Promise<void>;
}
