import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DeclineReason } from '../../payments/contracts';
import { CancellationReason, OrderItemDto, OrderStatus } from '../contracts/order.dto';

const bigintAsNumber = { to: (value: number) => value, from: (value: string) => Number(value) };

/** The columns an order has in the write model and in the read model alike. */
abstract class OrderColumns {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'customer_id' })
  customerId!: string;

  @Column('jsonb')
  items!: OrderItemDto[];

  @Column('bigint', { name: 'total_cents', transformer: bigintAsNumber })
  totalCents!: number;

  @Column('text')
  status!: OrderStatus;

  @Column('text', { name: 'cancellation_reason', nullable: true })
  cancellationReason!: CancellationReason | null;

  @Column('text', { name: 'decline_reason', nullable: true })
  declineReason!: DeclineReason | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}

/** A row of orders.orders, the write model. */
@Entity({ schema: 'orders', name: 'orders' })
export class OrderRecord extends OrderColumns {
  /** The order's own payment deadline (choreography); null when its saga keeps it (orchestration). */
  @Column('timestamptz', { name: 'payment_deadline', nullable: true })
  paymentDeadline!: Date | null;
}

/** A row of orders.order_list, the read model behind the order lists, kept up to date from the orders' events. */
@Entity({ schema: 'orders', name: 'order_list' })
export class OrderListRecord extends OrderColumns {}
