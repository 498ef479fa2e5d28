import { Module } from '@nestjs/common';
import { CustomerOverviewController } from './customer-overview.controller';

/** Endpoints that compose several modules. */
@Module({ controllers: [CustomerOverviewController] })
export class GatewayModule {}
