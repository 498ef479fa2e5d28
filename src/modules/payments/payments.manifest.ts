import { ModuleManifest } from '../../module-kit/messaging/module-manifest';
import { CustomerDeleted, CustomerRegistered } from '../customers/contracts';
import { RequestPayment, RequestRefund } from './contracts/payments.messages';

/** The payments module consumes its own requests (sent by orders) and the customers' lifecycle events. */
export const paymentsManifest: ModuleManifest = {
  name: 'payments',
  consumes: [RequestPayment, RequestRefund, CustomerRegistered, CustomerDeleted],
};
