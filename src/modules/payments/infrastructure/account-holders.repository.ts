import { Injectable } from '@nestjs/common';
import { ModuleDatabase } from '../../../module-kit/database/module-database';
import { AccountHolder, AccountHolders } from '../application/account-holders';
import { AccountHolderRecord } from './payment.records';

/** The account holders in payments.account_holders. */
@Injectable()
export class AccountHoldersRepository extends AccountHolders {
  constructor(private readonly db: ModuleDatabase) {
    super();
  }

  async find(customerId: string): Promise<AccountHolder | null> {
    const record = await this.db.manager.getRepository(AccountHolderRecord).findOneBy({ customerId });
    return record && { customerId: record.customerId, closedAt: record.closedAt };
  }

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
