import { CancelOrderHandler } from './commands/cancel-order/cancel-order.handler';
import { PlaceOrderHandler } from './commands/place-order/place-order.handler';
import { RecordPaymentOutcomeHandler } from './commands/record-payment-outcome/record-payment-outcome.handler';
import { GetOrderHandler } from './queries/get-order/get-order.handler';
import { ListOrdersHandler } from './queries/list-orders/list-orders.handler';

export const CommandHandlers = [PlaceOrderHandler, CancelOrderHandler, RecordPaymentOutcomeHandler];
export const QueryHandlers = [GetOrderHandler, ListOrdersHandler];
