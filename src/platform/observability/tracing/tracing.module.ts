import { Global, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../../module-kit/config/app-config';
import { RecentSpans } from './recent-spans';
import { TraceCollector } from './trace-collector';
import { createTracerProvider } from './tracer-provider';
import { Tracing } from './tracing';

/**
 * The process's tracing: its tracer, the store of its recent spans and the collector of whole traces
 * (read by the dashboard, behind an admin token).
 */
@Global()
@Module({
  providers: [
    { provide: RecentSpans, inject: [AppConfig], useFactory: (config: AppConfig) => new RecentSpans(config.modules.join('+')) },
    { provide: Tracing, inject: [AppConfig, RecentSpans], useFactory: (config: AppConfig, recent: RecentSpans) => new Tracing(createTracerProvider(config, recent)) },
    TraceCollector,
  ],
  exports: [RecentSpans, Tracing, TraceCollector],
})
export class TracingModule implements OnApplicationShutdown {
  constructor(private readonly tracing: Tracing) {}

  async onApplicationShutdown(): Promise<void> {
    await this.tracing.shutdown();
  }
}
