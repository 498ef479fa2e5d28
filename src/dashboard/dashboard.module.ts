import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';
import { DashboardTracesController } from './dashboard-traces.controller';
import { LiveEvents } from './live-events';
import { Topology } from './topology';

/** A page served by every process: the topology as this process sees it, live messages, and order traces. */
@Module({ controllers: [DashboardController, DashboardTracesController], providers: [Topology, LiveEvents] })
export class DashboardModule {}
