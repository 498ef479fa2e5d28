import { Global, Module } from '@nestjs/common';
import { ModuleInfrastructureModule } from '../../module-kit/module-infrastructure.module';
import { CommandHandlers, QueryHandlers, QueryHandlersThatWrite } from './application';
import { AccountHolders } from './application/account-holders';
import { AccountOpening } from './application/account-opening';
import { AccountRepository } from './application/account.repository';
import { PaymentsMessageHandlers } from './application/messages/payments.message-handlers';
import { PaymentsRepository } from './application/payments.repository';
import { paymentsIntegrationEvents } from './application/payments.integration-events';
import { LocalPaymentsPort } from './application/payments.local-port';
import { PaymentsPort } from './contracts/payments.port';
import { bindLocalPort } from '../../module-kit/bind-local-port';
import { AccountHoldersRepository } from './infrastructure/account-holders.repository';
import { AccountStore } from './infrastructure/account-store';
import { PostgresPaymentsRepository } from './infrastructure/payments.repository';
import { paymentsManifest } from './payments.manifest';
import { paymentsPersistence } from './payments.persistence';

/** The payments module, loaded only in the process that hosts it. It provides PaymentsPort to all. */
@Global()
@Module({
  imports: [
    ModuleInfrastructureModule.forModule({
      manifest: paymentsManifest,
      ...paymentsPersistence,
      useCases: [...CommandHandlers, ...QueryHandlersThatWrite],
      integrationEvents: paymentsIntegrationEvents,
    }),
  ],
  providers: [
    ...CommandHandlers,
    ...QueryHandlers,
    AccountOpening,
    { provide: AccountRepository, useClass: AccountStore },
    { provide: AccountHolders, useClass: AccountHoldersRepository },
    { provide: PaymentsRepository, useClass: PostgresPaymentsRepository },
    PaymentsMessageHandlers,
    ...bindLocalPort(PaymentsPort, LocalPaymentsPort, 'payments'),
  ],
  exports: [PaymentsPort],
})
export class PaymentsModule {}
