import { Injectable } from '@nestjs/common';
import { MoreThan } from 'typeorm';
import { ModuleDatabase } from '../../../module-kit/database/module-database';
import { isUniqueViolation } from '../../../module-kit/database/postgres-errors';
import { AccountRepository } from '../application/account.repository';
import { Account, AccountEventDraft, RecordedAccountEvent } from '../domain/account';
import { AccountEventRecord } from './payment.records';

const MAX_ATTEMPTS = 10;

interface BalanceRow {
  version: number;
  balance_cents: string;
}

/**
 * The event store of the accounts. The events are the truth; beside them each account has a balance row
 * (its balance as of a version) written in the same transaction as the events, so that reading or changing an
 * account costs the same at its ten-thousandth event as at its first: `load` starts from the row and applies
 * only the events after it (none, unless the row is missing or behind, when it replays).
 *
 * `change` locks the account's balance row (SELECT … FOR UPDATE) before deciding: concurrent writers of one
 * account wait for each other instead of all deciding on the same version and all but one failing and
 * retrying. The (customer_id, version) key of the events stays as the last guard: a clash is rolled back to
 * a savepoint and decided again.
 */
@Injectable()
export class AccountStore extends AccountRepository {
  constructor(private readonly db: ModuleDatabase) {
    super();
  }

  async load(customerId: string): Promise<Account> {
    const [row]: BalanceRow[] = await this.db.manager.query(`SELECT version, balance_cents FROM payments.account_balances WHERE customer_id = $1`, [customerId]);
    return this.upToDate(customerId, row);
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

  /** The lock and the savepoint live in the unit of work's transaction. */
  async change(customerId: string, decide: (account: Account) => AccountEventDraft[]): Promise<{ account: Account; appended: AccountEventDraft[] }> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.lockForChange(customerId);
      const drafts = decide(current);
      if (drafts.length === 0) return { account: current, appended: [] };
      const account = current.replay(drafts);

      await this.db.manager.query('SAVEPOINT account_append');
      try {
        await this.append(customerId, current.version, drafts);
        await this.db.manager.query(`UPDATE payments.account_balances SET version = $2, balance_cents = $3, updated_at = now() WHERE customer_id = $1`, [
          customerId,
          account.version,
          account.balanceCents,
        ]);
        await this.db.manager.query('RELEASE SAVEPOINT account_append');
        return { account, appended: drafts };
      } catch (error) {
        await this.db.manager.query('ROLLBACK TO SAVEPOINT account_append');
        if (!isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Recomputes an account's balance row from its whole stream, as a full replay says it is. Returns the
   * account and whether the row had said otherwise.
   */
  async rebuild(customerId: string): Promise<{ account: Account; corrected: boolean }> {
    return this.db.transaction(async () => {
      const [row]: BalanceRow[] = await this.db.manager.query(`SELECT version, balance_cents FROM payments.account_balances WHERE customer_id = $1 FOR UPDATE`, [customerId]);
      const account = Account.replay(customerId, await this.events(customerId));
      const corrected = !row || row.version !== account.version || Number(row.balance_cents) !== account.balanceCents;
      await this.db.manager.query(
        `INSERT INTO payments.account_balances (customer_id, version, balance_cents) VALUES ($1, $2, $3)
         ON CONFLICT (customer_id) DO UPDATE SET version = $2, balance_cents = $3, updated_at = now()`,
        [customerId, account.version, account.balanceCents],
      );
      return { account, corrected };
    });
  }

  /** Every customer with events, for a rebuild of all balance rows. */
  async accountIds(): Promise<string[]> {
    const rows: Array<{ customer_id: string }> = await this.db.manager.query(`SELECT DISTINCT customer_id FROM payments.account_events ORDER BY customer_id`);
    return rows.map((row) => row.customer_id);
  }

  /** The account, with its balance row locked until the transaction ends (created, at version 0, if missing). */
  private async lockForChange(customerId: string): Promise<Account> {
    await this.db.manager.query(`INSERT INTO payments.account_balances (customer_id, version, balance_cents) VALUES ($1, 0, 0) ON CONFLICT (customer_id) DO NOTHING`, [customerId]);
    const [row]: BalanceRow[] = await this.db.manager.query(`SELECT version, balance_cents FROM payments.account_balances WHERE customer_id = $1 FOR UPDATE`, [customerId]);
    return this.upToDate(customerId, row);
  }

  /** The account from its balance row, with whatever events the row does not cover yet applied. */
  private async upToDate(customerId: string, row: BalanceRow | undefined): Promise<Account> {
    const fromRow = row ? Account.restore(customerId, row.version, Number(row.balance_cents)) : Account.restore(customerId, 0, 0);
    return fromRow.replay(await this.events(customerId, fromRow.version));
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
