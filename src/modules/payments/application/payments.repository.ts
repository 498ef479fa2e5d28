import { Page, PageRequest } from '../../../module-kit/pagination/page';
import { Payment } from '../domain/payment';

/** Where the use cases keep the payments, one per order. */
export abstract class PaymentsRepository {
  abstract findByOrder(orderId: string): Promise<Payment | null>;

  /** Stores a new or changed payment; the events it recorded go out with the unit of work. */
  abstract save(payment: Payment): Promise<void>;

  /** An order's payments, newest first. */
  abstract listByOrder(orderId: string, page: PageRequest): Promise<Page<Payment>>;
}
