import { typeOf } from '../../../../module-kit/messaging/integration-message';
import { Page } from '../../../../module-kit/pagination/page';
import { Account, AccountEventDraft, RecordedAccountEvent } from '../../domain/account';
import { Payment } from '../../domain/payment';
import { AccountHolder, AccountHolders } from '../account-holders';
import { AccountRepository } from '../account.repository';
import { PaymentsRepository } from '../payments.repository';
import { paymentsIntegrationEvents } from '../payments.integration-events';

/** The accounts' streams kept in memory: a decision appends at the next version, as the event store does. */
export class InMemoryAccountRepository extends AccountRepository {
  readonly streams = new Map<string, RecordedAccountEvent[]>();

  async load(customerId: string): Promise<Account> {
    return Account.replay(customerId, this.streams.get(customerId) ?? []);
  }

  async events(customerId: string, afterVersion = 0, limit?: number): Promise<RecordedAccountEvent[]> {
    return (this.streams.get(customerId) ?? []).filter((e) => e.version > afterVersion).slice(0, limit);
  }

  async change(customerId: string, decide: (account: Account) => AccountEventDraft[]): Promise<{ account: Account; appended: AccountEventDraft[] }> {
    const current = await this.load(customerId);
    const appended = decide(current);
    const account = current.replay(appended);
    const stream = this.streams.get(customerId) ?? [];
    this.streams.set(customerId, [...stream, ...appended.map((draft, i) => ({ ...draft, version: current.version + i + 1, occurredAt: new Date() }))]);
    return { account, appended };
  }
}

export class InMemoryAccountHolders extends AccountHolders {
  readonly holders = new Map<string, AccountHolder>();

  async find(customerId: string): Promise<AccountHolder | null> {
    return this.holders.get(customerId) ?? null;
  }

  async add(customerId: string): Promise<boolean> {
    if (this.holders.has(customerId)) return false;
    this.holders.set(customerId, { customerId, closedAt: null });
    return true;
  }

  async close(customerId: string, at: Date): Promise<void> {
    this.holders.get(customerId)!.closedAt = at;
  }
}

export class InMemoryPaymentsRepository extends PaymentsRepository {
  readonly payments = new Map<string, Payment>();

  async findByOrder(orderId: string): Promise<Payment | null> {
    return this.payments.get(orderId) ?? null;
  }

  async save(payment: Payment): Promise<void> {
    this.payments.set(payment.orderId, payment);
  }

  async listByOrder(orderId: string): Promise<Page<Payment>> {
    const payment = this.payments.get(orderId);
    return { items: payment ? [payment] : [], nextCursor: null };
  }

  /** The messages the events of the saved payments map to, each version of one, as the unit of work would write them; taken once. */
  sent(): Array<{ name: string; version: number; payload: object }> {
    return [...this.payments.values()].flatMap((payment) => {
      const events = [...payment.getUncommittedEvents()];
      payment.uncommit();
      return events
        .flatMap(paymentsIntegrationEvents)
        .flatMap((message) => ('versions' in message ? message.versions : [message]))
        .map((message) => ({ name: typeOf(message).messageName, version: typeOf(message).version, payload: message.payload }));
    });
  }
}
