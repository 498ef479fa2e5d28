import { Global, Module } from '@nestjs/common';
import { ModuleInfrastructureModule } from '../../shared/module-kit/module-infrastructure.module';
import { CommandHandlers, QueryHandlers } from './application';
import { AccountOpening } from './application/account-opening';
import { PaymentsMessageHandlers } from './application/messages/payments.message-handlers';
import { LocalPaymentsPort } from './application/payments.local-port';
import { PaymentsPort } from './contracts/payments.port';
import { bindLocalPort } from '../../shared/module-kit/bind-local-port';
import { AccountHoldersRepository } from './infrastructure/account-holders.repository';
import { AccountStore } from './infrastructure/account-store';
import { PaymentsRepository } from './infrastructure/payments.repository';
import { paymentsManifest } from './payments.manifest';
import { paymentsPersistence } from './payments.persistence';

/** The payments module, loaded only in the process that hosts it. It provides PaymentsPort to all. */
@Global()
@Module({
  imports: [ModuleInfrastructureModule.forModule({ manifest: paymentsManifest, ...paymentsPersistence })],
  providers: [
    ...CommandHandlers,
    ...QueryHandlers,
    AccountOpening,
    AccountStore,
    AccountHoldersRepository,
    PaymentsRepository,
    PaymentsMessageHandlers,
    ...bindLocalPort(PaymentsPort, LocalPaymentsPort, 'payments'),
  ],
  exports: [PaymentsPort],
})
export class PaymentsModule {}
