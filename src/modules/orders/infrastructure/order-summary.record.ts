import { Column, Entity, PrimaryColumn } from 'typeorm';
import { OrderStatus } from '../contracts/order.dto';
import { OrderSummaryDto, PaymentState } from '../contracts/order-summary.dto';
import { OrderSummaryFact } from '../application/projections/order-summary';

/** A row of orders.order_summary_facts: one consumed message, as the fact the summary is folded from. */
@Entity({ schema: 'orders', name: 'order_summary_facts' })
export class OrderSummaryFactRecord {
  @PrimaryColumn('text', { name: 'message_id' })
  messageId!: string;

  @Column('uuid', { name: 'order_id' })
  orderId!: string;

  @Column('jsonb')
  fact!: OrderSummaryFact;

  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' })
  recordedAt!: Date;
}

/** A row of orders.order_summaries: the fold of one order's facts, with the columns a list would filter on. */
@Entity({ schema: 'orders', name: 'order_summaries' })
export class OrderSummaryRecord {
  @PrimaryColumn('uuid', { name: 'order_id' })
  orderId!: string;

  @Column('uuid', { name: 'customer_id' })
  customerId!: string;

  @Column('text')
  status!: OrderStatus;

  @Column('text', { name: 'payment_state' })
  paymentState!: PaymentState;

  @Column('json')
  summary!: OrderSummaryDto;
}
