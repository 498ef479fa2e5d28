import { Global, Module } from '@nestjs/common';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { TracingModule } from './tracing/tracing.module';

@Global()
@Module({ imports: [TracingModule], controllers: [MetricsController], providers: [{ provide: Metrics, useFactory: () => new Metrics() }], exports: [Metrics] })
export class ObservabilityModule {}
