import { ModuleManifest } from '../../module-kit/messaging/module-manifest';
import { PaymentCaptured, PaymentDeclined, PaymentDeclinedV2, PaymentRefunded } from '../payments/contracts';
import { OrderCancelled, OrderConfirmed, OrderPlaced } from './contracts/orders.events';

/**
 * The orders module consumes payments' answers (a refund's for its orchestrated sagas) and, for its read
 * model, its own events. It lists both versions of PaymentDeclined, so payments, which sends both
 * (MessageVersions), sends it version 1, which an orders of the release before also reads, with version 2
 * beside it for this one.
 */
export const ordersManifest: ModuleManifest = {
  name: 'orders',
  consumes: [PaymentCaptured, PaymentDeclined, PaymentDeclinedV2, PaymentRefunded, OrderPlaced, OrderConfirmed, OrderCancelled],
};
