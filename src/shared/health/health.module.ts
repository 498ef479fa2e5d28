import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { ProbeIndicator } from './probe.indicator';
import { Readiness } from './readiness';

@Global()
@Module({ imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })], controllers: [HealthController], providers: [Readiness, ProbeIndicator], exports: [Readiness] })
export class HealthModule {}
