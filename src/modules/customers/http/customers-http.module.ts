import { Module } from '@nestjs/common';
import { CustomersController } from './customers.controller';

/** The customers HTTP API, served by every process; CustomersPort is bound in app.module.ts. */
@Module({ controllers: [CustomersController] })
export class CustomersHttpModule {}
