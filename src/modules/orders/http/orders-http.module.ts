import { Module } from '@nestjs/common';
import { OrdersController } from './orders.controller';

/** The orders HTTP API, served by every process; OrdersPort is bound in app.module.ts. */
@Module({ controllers: [OrdersController] })
export class OrdersHttpModule {}
