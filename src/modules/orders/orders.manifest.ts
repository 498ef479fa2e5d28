import { ModuleManifest } from '../../shared/messaging/module-manifest';
import { PaymentCaptured, PaymentDeclined } from '../payments/contracts';
import { OrderCancelled, OrderConfirmed, OrderPlaced } from './contracts/orders.events';

/** The orders module consumes payments' answers and, for its read model, its own events. */
export const ordersManifest: ModuleManifest = {
  name: 'orders',
  consumes: [PaymentCaptured, PaymentDeclined, OrderPlaced, OrderConfirmed, OrderCancelled],
};
