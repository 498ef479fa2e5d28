import { Injectable } from '@nestjs/common';
import { ModuleDatabase } from '../../../shared/database/module-database';
import { decodeCursor, Page, PageRequest, toPage } from '../../../shared/pagination/page';
import { PaymentDto } from '../contracts/payments.dto';
import { PaymentRecord } from './payment.records';

@Injectable()
export class PaymentsRepository {
  constructor(private readonly db: ModuleDatabase) {}

  private get records() {
    return this.db.manager.getRepository(PaymentRecord);
  }

  findByOrder(orderId: string): Promise<PaymentRecord | null> {
    return this.records.findOneBy({ orderId });
  }

  async save(payment: PaymentRecord): Promise<void> {
    await this.records.save(payment);
  }

  async listByOrder(orderId: string, page: PageRequest): Promise<Page<PaymentDto>> {
    const after = decodeCursor(page.cursor);
    const query = this.records
      .createQueryBuilder('p')
      .where('p.order_id = :orderId', { orderId })
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .limit(page.limit + 1);
    if (after) query.andWhere('(p.created_at, p.id) < (:createdAt, :id)', after);
    return toPage(await query.getMany(), page.limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }), toPaymentDto);
  }
}

export function toPaymentDto(record: PaymentRecord): PaymentDto {
  return {
    id: record.id,
    orderId: record.orderId,
    customerId: record.customerId,
    amountCents: record.amountCents,
    status: record.status,
    ...(record.reason ? { reason: record.reason } : {}),
    createdAt: record.createdAt.toISOString(),
  };
}
