import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CancellationReason } from '../contracts/order.dto';
import { OrderSagaState, OrderSagaStepName } from '../contracts/order-saga.dto';

/** A step of the timeline as stored: its time as an ISO string, as JSON keeps it. */
export interface StoredSagaStep {
  name: OrderSagaStepName;
  at: string;
  reason?: CancellationReason;
}

/** A row of orders.order_sagas: the process manager's record of one orchestrated order. */
@Entity({ schema: 'orders', name: 'order_sagas' })
export class OrderSagaRecord {
  @PrimaryColumn('uuid', { name: 'order_id' })
  orderId!: string;

  @Column('text')
  state!: OrderSagaState;

  @Column('timestamptz', { name: 'payment_deadline' })
  paymentDeadline!: Date;

  @Column('jsonb')
  steps!: StoredSagaStep[];

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
