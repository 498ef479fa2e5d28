/** The stable error codes of the customers module, for clients and for modules that call it. */
export const CustomersErrors = {
  NOT_FOUND: 'CUSTOMER_NOT_FOUND',
  EMAIL_TAKEN: 'CUSTOMER_EMAIL_TAKEN',
  DETAILS_INVALID: 'CUSTOMER_DETAILS_INVALID',
} as const;
