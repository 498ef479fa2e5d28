import { CancelOrderHandler } from './commands/cancel-order/cancel-order.handler';
import { EnforcePaymentDeadlineHandler } from './commands/enforce-payment-deadline/enforce-payment-deadline.handler';
import { PlaceOrderHandler } from './commands/place-order/place-order.handler';
import { RecordPaymentOutcomeHandler } from './commands/record-payment-outcome/record-payment-outcome.handler';
import { GetOrderHandler } from './queries/get-order/get-order.handler';
import { GetOrderSummaryHandler } from './queries/get-order-summary/get-order-summary.handler';
import { GetOrderSagaHandler } from './queries/get-order-saga/get-order-saga.handler';
import { ListOrdersHandler } from './queries/list-orders/list-orders.handler';

export const CommandHandlers = [PlaceOrderHandler, CancelOrderHandler, RecordPaymentOutcomeHandler, EnforcePaymentDeadlineHandler];
export const QueryHandlers = [GetOrderHandler, ListOrdersHandler, GetOrderSagaHandler, GetOrderSummaryHandler];
