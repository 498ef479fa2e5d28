import { Type } from '@nestjs/common';
import { ModuleName } from '../shared/config/module-name';
import { MessageType } from '../shared/messaging/integration-message';
import { ModuleManifest } from '../shared/messaging/module-manifest';
import { CustomerDeleted, CustomerRegistered, CustomersPort, customersPortMethods, customersPortReads } from '../modules/customers/contracts';
import { customersManifest } from '../modules/customers/customers.manifest';
import { CustomersModule } from '../modules/customers/customers.module';
import { CustomersHttpModule } from '../modules/customers/http/customers-http.module';
import { OrderCancelled, OrderConfirmed, OrderPlaced, OrdersPort, ordersPortMethods, ordersPortReads } from '../modules/orders/contracts';
import { OrdersHttpModule } from '../modules/orders/http/orders-http.module';
import { ordersManifest } from '../modules/orders/orders.manifest';
import { OrdersModule } from '../modules/orders/orders.module';
import {
  PaymentCaptured,
  PaymentDeclined,
  PaymentDeclinedV2,
  PaymentRefunded,
  PaymentsPort,
  paymentsPortMethods,
  paymentsPortReads,
  RequestPayment,
  RequestRefund,
} from '../modules/payments/contracts';
import { PaymentsHttpModule } from '../modules/payments/http/payments-http.module';
import { paymentsManifest } from '../modules/payments/payments.manifest';
import { PaymentsModule } from '../modules/payments/payments.module';

/** What the composition root needs to know of one module to host it, or to reach it elsewhere. */
export interface ModuleEntry {
  manifest: ModuleManifest;
  /** The module itself: domain, persistence, handlers. Loaded only where it is hosted. */
  host: Type;
  /** Its HTTP API, served by every process. */
  http: Type;
  /** The port other modules and the HTTP API call it through. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  port: abstract new (...args: any[]) => object;
  /** The port's methods: what a remote proxy forwards and the module's message controller accepts. */
  methods: readonly string[];
  /** Those of `methods` that only read, and so may be retried by a remote proxy. */
  reads: readonly string[];
  /** The messages its code writes to its outbox, and the other modules' port methods it calls: for the dashboard's picture. */
  publishes: MessageType[];
  calls: Array<{ module: ModuleName; method: string }>;
}

// `publishes` and `calls` are what the code does: module-catalog.spec.ts compares them with the module map (npm run arch).
export const MODULE_CATALOG: Record<ModuleName, ModuleEntry> = {
  customers: {
    manifest: customersManifest,
    host: CustomersModule,
    http: CustomersHttpModule,
    port: CustomersPort,
    methods: customersPortMethods,
    reads: customersPortReads,
    publishes: [CustomerRegistered, CustomerDeleted],
    calls: [],
  },
  orders: {
    manifest: ordersManifest,
    host: OrdersModule,
    http: OrdersHttpModule,
    port: OrdersPort,
    methods: ordersPortMethods,
    reads: ordersPortReads,
    publishes: [OrderPlaced, OrderConfirmed, OrderCancelled, RequestPayment, RequestRefund],
    calls: [{ module: 'customers', method: 'get' }],
  },
  payments: {
    manifest: paymentsManifest,
    host: PaymentsModule,
    http: PaymentsHttpModule,
    port: PaymentsPort,
    methods: paymentsPortMethods,
    reads: paymentsPortReads,
    publishes: [PaymentCaptured, PaymentDeclined, PaymentDeclinedV2, PaymentRefunded],
    calls: [{ module: 'customers', method: 'get' }],
  },
};
