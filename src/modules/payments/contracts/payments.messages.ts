import { IntegrationMessage } from '../../../module-kit/messaging/integration-message';
import { DeclineReason } from './payments.errors';

// Requests that payments accepts. They travel through the sender's outbox like events do, so a request
// made in a committed transaction is never lost; payments answers each with one of the events below.

export interface RequestPaymentPayload {
  orderId: string;
  customerId: string;
  amountCents: number;
}

/** Capture `amountCents` from the customer's account for an order. Answered by PaymentCaptured or PaymentDeclined. */
export class RequestPayment extends IntegrationMessage<RequestPaymentPayload> {
  static readonly messageName = 'payments.RequestPayment';
  static readonly version = 1;

  get orderingKey(): string {
    return this.payload.orderId;
  }
}

export interface RequestRefundPayload {
  orderId: string;
}

/** Give back what was captured for an order, if anything was. Answered by PaymentRefunded when there was. */
export class RequestRefund extends IntegrationMessage<RequestRefundPayload> {
  static readonly messageName = 'payments.RequestRefund';
  static readonly version = 1;

  get orderingKey(): string {
    return this.payload.orderId;
  }
}

// Events that payments publishes.

export interface PaymentOutcomePayload {
  paymentId: string;
  orderId: string;
  customerId: string;
  amountCents: number;
}

export class PaymentCaptured extends IntegrationMessage<PaymentOutcomePayload> {
  static readonly messageName = 'payments.PaymentCaptured';
  static readonly version = 1;

  get orderingKey(): string {
    return this.payload.orderId;
  }
}

/** Version 1: the reason is free text (in practice one of DeclineReasons, but nothing says so). */
export class PaymentDeclined extends IntegrationMessage<PaymentOutcomePayload & { reason: string }> {
  static readonly messageName = 'payments.PaymentDeclined';
  static readonly version = 1;

  get orderingKey(): string {
    return this.payload.orderId;
  }
}

export interface PaymentDeclinedPayload extends PaymentOutcomePayload {
  reason: DeclineReason;
}

/**
 * Version 2: the reason is one of DeclineReasons, a closed set a consumer can act on. Narrowing version 1's
 * `reason: string` in place would break a consumer reading what an older payments wrote, hence a new version
 * beside version 1 (docs/versioning.md).
 */
export class PaymentDeclinedV2 extends IntegrationMessage<PaymentDeclinedPayload> {
  static readonly messageName = 'payments.PaymentDeclined';
  static readonly version = 2;

  get orderingKey(): string {
    return this.payload.orderId;
  }
}

export class PaymentRefunded extends IntegrationMessage<PaymentOutcomePayload> {
  static readonly messageName = 'payments.PaymentRefunded';
  static readonly version = 1;

  get orderingKey(): string {
    return this.payload.orderId;
  }
}
