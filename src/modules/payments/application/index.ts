import { CapturePaymentHandler } from './commands/capture-payment/capture-payment.handler';
import { CloseAccountHandler } from './commands/close-account/close-account.handler';
import { DepositFundsHandler } from './commands/deposit-funds/deposit-funds.handler';
import { OpenAccountHandler } from './commands/open-account/open-account.handler';
import { RefundPaymentHandler } from './commands/refund-payment/refund-payment.handler';
import { GetAccountHandler } from './queries/get-account/get-account.handler';
import { ListAccountEventsHandler } from './queries/list-account-events/list-account-events.handler';
import { ListPaymentsHandler } from './queries/list-payments/list-payments.handler';

export const CommandHandlers = [DepositFundsHandler, CapturePaymentHandler, RefundPaymentHandler, OpenAccountHandler, CloseAccountHandler];
/** Reading an account opens it if payments has not heard of its customer yet: these run in the unit of work. */
export const QueryHandlersThatWrite = [GetAccountHandler, ListAccountEventsHandler];
export const QueryHandlers = [...QueryHandlersThatWrite, ListPaymentsHandler];
