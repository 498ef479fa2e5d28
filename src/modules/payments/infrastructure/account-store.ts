import { Injectable } from '@nestjs/common';
import { MoreThan } from 'typeorm';
import { ModuleDatabase } from '../../../shared/database/module-database';
import { isUniqueViolation } from '../../../shared/database/postgres-errors';
import { Account, AccountEventDraft, RecordedAccountEvent } from '../domain/account';
import { AccountEventRecord } from './payment.records';

const MAX_ATTEMPTS = 10;

/**
 * The event store of the accounts. `change` replays an account, lets the caller decide what happens, and
 * appends the resulting events at the next versions. Another writer that appended first makes the insert
 * hit the (customer_id, version) key: the attempt is rolled back to a savepoint and decided again on the
 * fresh stream. No lock is taken and no balance is stored.
 */
@Injectable()
export class AccountStore {
  constructor(private readonly db: ModuleDatabase) {}

  async load(customerId: string): Promise<Account> {
    return Account.replay(customerId, await this.events(customerId));
  }

  async events(customerId: string, afterVersion = 0, limit?: number): Promise<RecordedAccountEvent[]> {
    const records = await this.db.manager.getRepository(AccountEventRecord).find({
      where: { customerId, version: MoreThan(afterVersion) },
      order: { version: 'ASC' },
      take: limit,
    });
    return records.map((r) => ({
      version: r.version,
      type: r.type,
      amountCents: r.amountCents,
      ...(r.orderId ? { orderId: r.orderId } : {}),
      occurredAt: r.occurredAt,
    }));
  }

  /** Must run inside a transaction: the savepoint lives in it. */
  async change(customerId: string, decide: (account: Account) => AccountEventDraft[]): Promise<{ account: Account; appended: AccountEventDraft[] }> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.load(customerId);
      const drafts = decide(current);
      if (drafts.length === 0) return { account: current, appended: [] };
      const account = drafts.reduce((state, draft) => state.apply(draft), current);

      await this.db.manager.query('SAVEPOINT account_append');
      try {
        await this.append(customerId, current.version, drafts);
        await this.db.manager.query('RELEASE SAVEPOINT account_append');
        return { account, appended: drafts };
      } catch (error) {
        await this.db.manager.query('ROLLBACK TO SAVEPOINT account_append');
        if (!isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private async append(customerId: string, expectedVersion: number, drafts: AccountEventDraft[]): Promise<void> {
    const occurredAt = new Date();
    const rows = drafts.map((draft, index) =>
      Object.assign(new AccountEventRecord(), {
        customerId,
        version: expectedVersion + index + 1,
        type: draft.type,
        amountCents: draft.amountCents,
        orderId: draft.orderId ?? null,
        occurredAt,
      }),
    );
    // insert, never save: save would turn a version clash into an update of the other writer's event.
    await this.db.manager.getRepository(AccountEventRecord).insert(rows);
  }
}
