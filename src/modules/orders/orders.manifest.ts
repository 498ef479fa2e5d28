import { ModuleManifest } from '../../shared/messaging/module-manifest';
import { PaymentCaptured, PaymentDeclined, PaymentRefunded } from '../payments/contracts';
import { OrderCancelled, OrderConfirmed, OrderPlaced } from './contracts/orders.events';

/** The orders module consumes payments' answers (a refund's for its orchestrated sagas) and, for its read model, its own events. */
export const ordersManifest: ModuleManifest = {
  name: 'orders',
  consumes: [PaymentCaptured, PaymentDeclined, PaymentRefunded, OrderPlaced, OrderConfirmed, OrderCancelled],
};
