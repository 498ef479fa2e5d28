import { CreateOrders1700000000002 } from './infrastructure/migrations/1700000000002-create-orders';
import { OrdersOutboxOrderingKeysAndDeadLetters1764500000002 } from './infrastructure/migrations/1764500000002-outbox-ordering-keys-and-dead-letters';
import { PaymentDeadlinesAndOrderSagas1764600000002 } from './infrastructure/migrations/1764600000002-payment-deadlines-and-order-sagas';
import { OrdersDeclineReasons1765000000002 } from './infrastructure/migrations/1765000000002-decline-reasons';
import { OrderSummaries1765100000002 } from './infrastructure/migrations/1765100000002-order-summaries';
import { OrderSagaRecord } from './infrastructure/order-saga.record';
import { OrderSummaryFactRecord, OrderSummaryRecord } from './infrastructure/order-summary.record';
import { OrderListRecord, OrderRecord } from './infrastructure/order.record';

/** What the orders schema holds and how it got there. */
export const ordersPersistence = {
  entities: [OrderRecord, OrderListRecord, OrderSagaRecord, OrderSummaryFactRecord, OrderSummaryRecord],
  migrations: [CreateOrders1700000000002, OrdersOutboxOrderingKeysAndDeadLetters1764500000002, PaymentDeadlinesAndOrderSagas1764600000002, OrdersDeclineReasons1765000000002, OrderSummaries1765100000002],
};
