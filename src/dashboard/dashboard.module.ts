import { DynamicModule, Module } from '@nestjs/common';
import { Activity } from './activity';
import { DashboardController } from './dashboard.controller';
import { DashboardPageController } from './dashboard-page.controller';
import { DashboardTracesController } from './dashboard-traces.controller';
import { ModuleDescription, SHOP_MODULES } from './shop-map';
import { ShopReports } from './shop-reports';
import { Topology } from './topology';

/**
 * A page served by every process: the shop's processes and modules as a picture, what every process is doing
 * (backlogs, failed deliveries, call latencies, messages), and the trace of an order. The composition root
 * tells it which modules there are.
 */
@Module({})
export class DashboardModule {
  static forRoot(modules: ModuleDescription[]): DynamicModule {
    return {
      module: DashboardModule,
      controllers: [DashboardPageController, DashboardController, DashboardTracesController],
      providers: [{ provide: SHOP_MODULES, useValue: modules }, ShopReports, Topology, Activity],
    };
  }
}
