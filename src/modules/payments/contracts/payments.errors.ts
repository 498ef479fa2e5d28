/** The stable error codes of the payments module. */
export const PaymentsErrors = {
  ACCOUNT_NOT_FOUND: 'ACCOUNT_NOT_FOUND',
} as const;

/** Why a payment was declined. */
export const DeclineReasons = {
  INSUFFICIENT_FUNDS: 'INSUFFICIENT_FUNDS',
  ACCOUNT_CLOSED: 'ACCOUNT_CLOSED',
} as const;

export type DeclineReason = (typeof DeclineReasons)[keyof typeof DeclineReasons];
