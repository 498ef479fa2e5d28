import { Injectable } from '@nestjs/common';
import { ModuleDatabase } from '../../../module-kit/database/module-database';
import { UnitOfWork } from '../../../module-kit/unit-of-work';
import { decodeCursor, Page, PageRequest, toPage } from '../../../module-kit/pagination/page';
import { PaymentsRepository } from '../application/payments.repository';
import { Payment } from '../domain/payment';
import { PaymentRecord } from './payment.records';

/** Payments in payments.payments, inside the unit of work's transaction when there is one. */
@Injectable()
export class PostgresPaymentsRepository extends PaymentsRepository {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly unitOfWork: UnitOfWork,
  ) {
    super();
  }

  private get records() {
    return this.db.manager.getRepository(PaymentRecord);
  }

  async findByOrder(orderId: string): Promise<Payment | null> {
    const record = await this.records.findOneBy({ orderId });
    return record ? toPayment(record) : null;
  }

  async save(payment: Payment): Promise<void> {
    await this.records.save(toRecord(payment));
    this.unitOfWork.track(payment);
  }

  async listByOrder(orderId: string, page: PageRequest): Promise<Page<Payment>> {
    const after = decodeCursor(page.cursor);
    const query = this.records
      .createQueryBuilder('p')
      .where('p.order_id = :orderId', { orderId })
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .limit(page.limit + 1);
    if (after) query.andWhere('(p.created_at, p.id) < (:createdAt, :id)', after);
    return toPage(await query.getMany(), page.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }), toPayment);
  }
}

function toPayment(r: PaymentRecord): Payment {
  return new Payment(r.id, r.orderId, r.customerId, r.amountCents, r.status, r.reason, r.createdAt);
}

function toRecord(payment: Payment): PaymentRecord {
  const { id, orderId, customerId, amountCents, status, reason, createdAt } = payment;
  return Object.assign(new PaymentRecord(), { id, orderId, customerId, amountCents, status, reason, createdAt });
}
