import { Module } from '@nestjs/common';
import { AccountsController } from './accounts.controller';
import { PaymentsController } from './payments.controller';

/** The payments HTTP API, served by every process; PaymentsPort is bound in app.module.ts. */
@Module({ controllers: [AccountsController, PaymentsController] })
export class PaymentsHttpModule {}
