import { IEvent } from '@nestjs/cqrs';
import { IntegrationMessage } from '../../../module-kit/messaging/integration-message';
import { MessageVersions } from '../../../module-kit/messaging/message-versions';
import { PaymentCaptured, PaymentDeclined, PaymentDeclinedV2, PaymentRefunded } from '../contracts/payments.messages';
import { PaymentCapturedEvent, PaymentDeclinedEvent, PaymentRefundedEvent } from '../domain/payment-events';

/**
 * What orders is told of a payment. A decline goes out in both versions of PaymentDeclined: an orders of the
 * release before knows only version 1 (docs/versioning.md).
 */
export function paymentsIntegrationEvents(event: IEvent): Array<IntegrationMessage | MessageVersions> {
  if (event instanceof PaymentCapturedEvent) return [new PaymentCaptured({ ...event.payment })];
  if (event instanceof PaymentDeclinedEvent) {
    const declined = { ...event.payment, reason: event.reason };
    return [new MessageVersions(new PaymentDeclined(declined), new PaymentDeclinedV2(declined))];
  }
  if (event instanceof PaymentRefundedEvent) return [new PaymentRefunded({ ...event.payment })];
  return [];
}
