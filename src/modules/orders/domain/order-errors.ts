import { DomainError } from '../../../module-kit/errors/domain-error';
import { OrdersErrors } from '../contracts/orders.errors';

export class OrderNotFoundError extends DomainError {
  constructor(orderId: string) {
    super(OrdersErrors.NOT_FOUND, 'not_found', `Order ${orderId} does not exist.`);
  }
}

/** NOT_FOUND too: to a client an order without a summary yet is one it cannot summarize; it may ask again. */
export class OrderSummaryNotFoundError extends DomainError {
  constructor(orderId: string) {
    super(OrdersErrors.NOT_FOUND, 'not_found', `Order ${orderId} has no summary: nobody placed it, or its placement is not projected yet.`);
  }
}

export class OrderAlreadyCancelledError extends DomainError {
  constructor(orderId: string) {
    super(OrdersErrors.ALREADY_CANCELLED, 'conflict', `Order ${orderId} is already cancelled.`);
  }
}

export class OrderCustomerUnknownError extends DomainError {
  constructor(customerId: string) {
    super(OrdersErrors.CUSTOMER_UNKNOWN, 'unprocessable', `Customer ${customerId} does not exist or was deleted.`);
  }
}
