/** A customer's account; the balance is derived from the account's events. */
export interface AccountDto {
  customerId: string;
  balanceCents: number;
  version: number;
}

export type AccountEventType = 'AccountOpened' | 'FundsDeposited' | 'PaymentCaptured' | 'PaymentRefunded';

export interface AccountEventDto {
  version: number;
  type: AccountEventType;
  amountCents: number;
  orderId?: string;
  occurredAt: string;
}

export type PaymentStatus = 'CAPTURED' | 'DECLINED' | 'REFUNDED';

export interface PaymentDto {
  id: string;
  orderId: string;
  customerId: string;
  amountCents: number;
  status: PaymentStatus;
  reason?: string;
  createdAt: string;
}
