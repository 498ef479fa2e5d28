import { Injectable } from '@nestjs/common';
import { ModuleDatabase } from '../../../shared/database/module-database';
import { isUniqueViolation } from '../../../shared/database/postgres-errors';
import { decodeCursor, Page, PageRequest, toPage } from '../../../shared/pagination/page';
import { CustomerDto } from '../contracts/customer.dto';
import { EmailTakenError } from '../domain/customer-errors';
import { CustomerRecord } from './customer.record';

/** Reads and writes customers.customers, inside the caller's transaction when there is one. */
@Injectable()
export class CustomersRepository {
  constructor(private readonly db: ModuleDatabase) {}

  private get records() {
    return this.db.manager.getRepository(CustomerRecord);
  }

  async findActive(id: string): Promise<CustomerRecord | null> {
    const record = await this.records.findOneBy({ id });
    return record && !record.deletedAt ? record : null;
  }

  /** Saves a customer, turning the email's unique index into the domain's EMAIL_TAKEN. */
  async save(record: CustomerRecord): Promise<void> {
    try {
      await this.records.save(record);
    } catch (error) {
      if (isUniqueViolation(error, 'customers_email_unique')) throw new EmailTakenError(record.email);
      throw error;
    }
  }

  async listActive(page: PageRequest): Promise<Page<CustomerDto>> {
    const after = decodeCursor(page.cursor);
    const query = this.records
      .createQueryBuilder('c')
      .where('c.deleted_at IS NULL')
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(page.limit + 1);
    if (after) query.andWhere('(c.created_at, c.id) < (:createdAt, :id)', after);
    const rows = await query.getMany();
    return toPage(rows, page.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }), toCustomerDto);
  }
}

export function toCustomerDto(record: CustomerRecord): CustomerDto {
  return { id: record.id, name: record.name, email: record.email, createdAt: record.createdAt.toISOString() };
}
