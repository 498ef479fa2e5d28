import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { ProbeIndicator } from './probe.indicator';
import { Readiness } from './readiness';
import { RemoteDependencies } from './remote-dependencies';

@Global()
@Module({ imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })], controllers: [HealthController], providers: [Readiness, RemoteDependencies, ProbeIndicator], exports: [Readiness, RemoteDependencies] })
export class HealthModule {}
