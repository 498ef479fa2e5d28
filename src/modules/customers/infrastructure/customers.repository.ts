import { Injectable } from '@nestjs/common';
import { ModuleDatabase } from '../../../module-kit/database/module-database';
import { isUniqueViolation } from '../../../module-kit/database/postgres-errors';
import { UnitOfWork } from '../../../module-kit/unit-of-work';
import { decodeCursor, Page, PageRequest, toPage } from '../../../module-kit/pagination/page';
import { CustomersRepository } from '../application/customers.repository';
import { Customer } from '../domain/customer';
import { EmailTakenError } from '../domain/customer-errors';
import { CustomerRecord } from './customer.record';

/** Customers in customers.customers, inside the unit of work's transaction when there is one. */
@Injectable()
export class PostgresCustomersRepository extends CustomersRepository {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly unitOfWork: UnitOfWork,
  ) {
    super();
  }

  private get records() {
    return this.db.manager.getRepository(CustomerRecord);
  }

  async findActive(id: string): Promise<Customer | null> {
    const record = await this.records.findOneBy({ id });
    return record && !record.deletedAt ? toCustomer(record) : null;
  }

  /** Saves a customer, turning the email's unique index into the domain's EMAIL_TAKEN. */
  async save(customer: Customer): Promise<void> {
    try {
      await this.records.save(toRecord(customer));
    } catch (error) {
      if (isUniqueViolation(error, 'customers_email_unique')) throw new EmailTakenError(customer.email);
      throw error;
    }
    this.unitOfWork.track(customer);
  }

  async listActive(page: PageRequest): Promise<Page<Customer>> {
    const after = decodeCursor(page.cursor);
    const query = this.records
      .createQueryBuilder('c')
      .where('c.deleted_at IS NULL')
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(page.limit + 1);
    if (after) query.andWhere('(c.created_at, c.id) < (:createdAt, :id)', after);
    const rows = await query.getMany();
    return toPage(rows, page.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }), toCustomer);
  }
}

function toCustomer(r: CustomerRecord): Customer {
  return Customer.restore(r.id, r.name, r.email, r.createdAt, r.deletedAt);
}

function toRecord(customer: Customer): CustomerRecord {
  return Object.assign(new CustomerRecord(), { id: customer.id, name: customer.name, email: customer.email, createdAt: customer.createdAt, deletedAt: customer.deletedAt });
}
