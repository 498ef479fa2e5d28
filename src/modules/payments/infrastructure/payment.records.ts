import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AccountEventType, PaymentStatus } from '../contracts/payments.dto';

const bigintAsNumber = { to: (value: number) => value, from: (value: string) => Number(value) };

/** One event of an account's stream; (customer_id, version) is unique, which is the optimistic lock. */
@Entity({ schema: 'payments', name: 'account_events' })
export class AccountEventRecord {
  @PrimaryColumn('uuid', { name: 'customer_id' })
  customerId!: string;

  @PrimaryColumn('int')
  version!: number;

  @Column('text')
  type!: AccountEventType;

  @Column('bigint', { name: 'amount_cents', transformer: bigintAsNumber })
  amountCents!: number;

  @Column('uuid', { name: 'order_id', nullable: true })
  orderId!: string | null;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;
}

/** The customers payments knows of, learnt from the customers module's events (or asked for on first use). */
@Entity({ schema: 'payments', name: 'account_holders' })
export class AccountHolderRecord {
  @PrimaryColumn('uuid', { name: 'customer_id' })
  customerId!: string;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;
}

@Entity({ schema: 'payments', name: 'payments' })
export class PaymentRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'order_id' })
  orderId!: string;

  @Column('uuid', { name: 'customer_id' })
  customerId!: string;

  @Column('bigint', { name: 'amount_cents', transformer: bigintAsNumber })
  amountCents!: number;

  @Column('text')
  status!: PaymentStatus;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
