import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../shared/config/app-config';
import { MODULE_NAMES, ModuleName } from '../shared/config/module-name';
import { ConfigModule } from '../shared/config/config.module';
import { HealthModule } from '../shared/health/health.module';
import { ObservabilityModule } from '../shared/observability/observability.module';
import { SecurityModule } from '../shared/security/security.module';
import { MessagingModule } from '../shared/messaging/messaging.module';
import { GatewayModule } from '../gateway/gateway.module';
import { MODULE_CATALOG } from './module-catalog';
import { TransportModule } from '../shared/transport/transport.module';

/**
 * The composition root, and the one place where the topology is decided: each module named in MODULES is
 * loaded here and binds its own port; every other module's port is bound to a transport proxy. Nothing
 * below this file knows which is which.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const hosted = MODULE_NAMES.filter((name) => config.hosts(name));
    const remote = MODULE_NAMES.filter((name) => !config.hosts(name));
    const describe = (name: ModuleName) => ({ name, port: MODULE_CATALOG[name].port, methods: MODULE_CATALOG[name].methods });

    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
          },
        }),
        CqrsModule.forRoot(),
        SecurityModule.forRoot(config),
        HealthModule,
        ObservabilityModule,
        MessagingModule.forRoot(MODULE_NAMES.map((name) => MODULE_CATALOG[name].manifest)),
        TransportModule.forRoot(config, hosted.map(describe), remote.map(describe)),
        ...hosted.map((name) => MODULE_CATALOG[name].host),
        ...MODULE_NAMES.map((name) => MODULE_CATALOG[name].http),
        GatewayModule,
      ],
    };
  }
}
