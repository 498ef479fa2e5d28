import { AccountEventType } from '../contracts/payments.dto';

/** An event of an account's stream, before it is stored (the store gives it its version). */
export interface AccountEventDraft {
  type: AccountEventType;
  amountCents: number;
  orderId?: string;
}

export interface RecordedAccountEvent extends AccountEventDraft {
  version: number;
  occurredAt: Date;
}

/**
 * A customer's account, event-sourced: its state is the fold of its events, and a change is a new event
 * appended at the next version. Deciding never mutates; `apply` is the only way the state moves.
 */
export class Account {
  private constructor(
    readonly customerId: string,
    readonly version: number,
    readonly balanceCents: number,
  ) {}

  static replay(customerId: string, events: Array<Pick<RecordedAccountEvent, 'type' | 'amountCents'>>): Account {
    return Account.restore(customerId, 0, 0).replay(events);
  }

  /** The account as a snapshot recorded it: `balanceCents` after the events up to `version`. */
  static restore(customerId: string, version: number, balanceCents: number): Account {
    return new Account(customerId, version, balanceCents);
  }

  /** This account with `events` (the ones after its version, in order) applied. */
  replay(events: Array<Pick<RecordedAccountEvent, 'type' | 'amountCents'>>): Account {
    return events.reduce<Account>((account, event) => account.apply(event), this);
  }

  get isOpen(): boolean {
    return this.version > 0;
  }

  canPay(amountCents: number): boolean {
    return this.balanceCents >= amountCents;
  }

  /* The decisions: what each change appends to the stream (nothing, when the change does not apply). */

  open(): AccountEventDraft[] {
    return this.isOpen ? [] : [{ type: 'AccountOpened', amountCents: 0 }];
  }

  deposit(amountCents: number): AccountEventDraft[] {
    return [{ type: 'FundsDeposited', amountCents }];
  }

  /** Takes an order's total if the balance covers it; nothing if it does not (the payment is then declined). */
  capture(amountCents: number, orderId: string): AccountEventDraft[] {
    return this.canPay(amountCents) ? [{ type: 'PaymentCaptured', amountCents, orderId }] : [];
  }

  refund(amountCents: number, orderId: string): AccountEventDraft[] {
    return [{ type: 'PaymentRefunded', amountCents, orderId }];
  }

  apply(event: Pick<AccountEventDraft, 'type' | 'amountCents'>): Account {
    const balance = this.balanceCents + Account.effectOf(event);
    // The one rule no code path may break: the stream itself refuses to go below zero.
    if (balance < 0) throw new Error(`account ${this.customerId} would go below zero at version ${this.version + 1}`);
    return new Account(this.customerId, this.version + 1, balance);
  }

  private static effectOf(event: Pick<AccountEventDraft, 'type' | 'amountCents'>): number {
    switch (event.type) {
      case 'AccountOpened':
        return 0;
      case 'FundsDeposited':
      case 'PaymentRefunded':
        return event.amountCents;
      case 'PaymentCaptured':
        return -event.amountCents;
    }
  }
}
