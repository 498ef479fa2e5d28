import { CreatePayments1700000000003 } from './infrastructure/migrations/1700000000003-create-payments';
import { PaymentsOutboxOrderingKeysAndDeadLetters1764500000003 } from './infrastructure/migrations/1764500000003-outbox-ordering-keys-and-dead-letters';
import { AccountBalances1764500000004 } from './infrastructure/migrations/1764500000004-account-balances';
import { AccountEventRecord, AccountHolderRecord, PaymentRecord } from './infrastructure/payment.records';

/** What the payments schema holds and how it got there: for the module and for commands run beside it. */
export const paymentsPersistence = {
  entities: [AccountEventRecord, AccountHolderRecord, PaymentRecord],
  migrations: [CreatePayments1700000000003, PaymentsOutboxOrderingKeysAndDeadLetters1764500000003, AccountBalances1764500000004],
};
