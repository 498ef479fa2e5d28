/** The stable error codes of the orders module. */
export const OrdersErrors = {
  NOT_FOUND: 'ORDER_NOT_FOUND',
  ALREADY_CANCELLED: 'ORDER_ALREADY_CANCELLED',
  CUSTOMER_UNKNOWN: 'ORDER_CUSTOMER_UNKNOWN',
} as const;
