import { Injectable } from '@nestjs/common';
import { ModuleDatabase } from '../../../shared/database/module-database';
import { AccountHolderRecord } from './payment.records';

/** The customers payments knows of: payments' own copy of what it needs from the customers module. */
@Injectable()
export class AccountHoldersRepository {
  constructor(private readonly db: ModuleDatabase) {}

  find(customerId: string): Promise<AccountHolderRecord | null> {
    return this.db.manager.getRepository(AccountHolderRecord).findOneBy({ customerId });
  }

  /** Records a holder; false when another transaction already did. */
  async add(customerId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.manager.query(
      `INSERT INTO payments.account_holders (customer_id) VALUES ($1) ON CONFLICT (customer_id) DO NOTHING RETURNING customer_id`,
      [customerId],
    );
    return rows.length === 1;
  }

  async close(customerId: string, at: Date): Promise<void> {
    await this.db.manager.getRepository(AccountHolderRecord).update({ customerId }, { closedAt: at });
  }
}
