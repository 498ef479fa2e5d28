import { Global, Module } from '@nestjs/common';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { ProcessReporter } from './process-report';
import { TracingModule } from './tracing/tracing.module';

@Global()
@Module({
  imports: [TracingModule],
  controllers: [MetricsController],
  providers: [{ provide: Metrics, useFactory: () => new Metrics() }, ProcessReporter],
  exports: [Metrics, ProcessReporter],
})
export class ObservabilityModule {}
