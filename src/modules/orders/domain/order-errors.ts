import { DomainError } from '../../../shared/errors/domain-error';
import { OrdersErrors } from '../contracts/orders.errors';

export class OrderNotFoundError extends DomainError {
  constructor(orderId: string) {
    super(OrdersErrors.NOT_FOUND, 'not_found', `Order ${orderId} does not exist.`);
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
