import { Type } from '@nestjs/common';
import { ModuleName } from '../module-kit/config/module-name';
import { ModuleManifest } from '../module-kit/messaging/module-manifest';
import { PortClass } from '../module-kit/forwarded';
import { CustomersPort } from '../modules/customers/contracts';
import { customersManifest } from '../modules/customers/customers.manifest';
import { CustomersModule } from '../modules/customers/customers.module';
import { CustomersHttpModule } from '../modules/customers/http/customers-http.module';
import { OrdersPort } from '../modules/orders/contracts';
import { OrdersHttpModule } from '../modules/orders/http/orders-http.module';
import { ordersManifest } from '../modules/orders/orders.manifest';
import { OrdersModule } from '../modules/orders/orders.module';
import { PaymentsPort } from '../modules/payments/contracts';
import { PaymentsHttpModule } from '../modules/payments/http/payments-http.module';
import { paymentsManifest } from '../modules/payments/payments.manifest';
import { PaymentsModule } from '../modules/payments/payments.module';
import { MODULE_LINKS as LINKS_FROM_THE_CODE } from './module-links';
import { KnownModuleName } from './module-names';

/** What the composition root needs to know of one module to host it, or to reach it elsewhere. */
export interface ModuleEntry {
  manifest: ModuleManifest;
  /** The module itself: domain, persistence, handlers. Loaded only where it is hosted. */
  host: Type;
  /** Its HTTP API, served by every process. */
  http: Type;
  /** The port other modules and the HTTP API call it through; it declares the methods forwarded (@Forwarded). */
  port: PortClass;
}

// One entry for each of MODULE_NAMES: the type says so.
export const MODULE_CATALOG: Record<ModuleName, ModuleEntry> = {
  customers: { manifest: customersManifest, host: CustomersModule, http: CustomersHttpModule, port: CustomersPort },
  orders: { manifest: ordersManifest, host: OrdersModule, http: OrdersHttpModule, port: OrdersPort },
  payments: { manifest: paymentsManifest, host: PaymentsModule, http: PaymentsHttpModule, port: PaymentsPort },
} satisfies Record<KnownModuleName, ModuleEntry>;

/** What a module's code publishes to its outbox (`name@vN`), and the other modules' port methods it calls. */
export interface ModuleLinks {
  publishes: readonly string[];
  calls: ReadonlyArray<{ module: ModuleName; method: string }>;
}

/**
 * The arrows of the dashboard's picture, as `npm run arch` reads them from the code (outbox.publish calls,
 * calls through other modules' ports) into module-links.ts; `npm run arch -- --check` fails when it is stale.
 */
export const MODULE_LINKS: Record<ModuleName, ModuleLinks> = LINKS_FROM_THE_CODE;
