import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { httpLogOptions } from '../platform/observability/logging/http-log-options';
import { AppConfig } from '../module-kit/config/app-config';
import { ModuleName } from '../module-kit/config/module-name';
import { MODULE_NAMES } from './module-names';
import { ConfigModule } from '../platform/config/config.module';
import { HealthModule } from '../platform/health/health.module';
import { ObservabilityModule } from '../platform/observability/observability.module';
import { SecurityModule } from '../platform/security/security.module';
import { RateLimitModule } from '../platform/http/rate-limit.module';
import { MessagingModule } from '../platform/messaging/messaging.module';
import { GatewayModule } from '../gateway/gateway.module';
import { DashboardModule } from '../dashboard/dashboard.module';
import { ModuleDescription } from '../dashboard/shop-map';
import { messageKey, MessageType } from '../module-kit/messaging/integration-message';
import { MODULE_CATALOG, MODULE_LINKS } from './module-catalog';
import { forwardedMethodNames } from '../module-kit/forwarded';
import { TransportModule } from '../platform/transport/transport.module';
import { DeadLettersModule } from './dead-letters/dead-letters.module';

/**
 * The composition root, and the one place where the topology is decided: each module named in MODULES is
 * loaded here and binds its own port; every other module's port is bound to a transport proxy. Nothing
 * below this file knows which is which.
 */
@Module({})
export class AppModule {
  /** `logStream` replaces standard output as the log destination (tests read the lines from it). */
  static forRoot(config: AppConfig, logStream?: DestinationStream): DynamicModule {
    const hosted = MODULE_NAMES.filter((name) => config.hosts(name));
    const remote = MODULE_NAMES.filter((name) => !config.hosts(name));
    const describe = (name: ModuleName) => ({ name, port: MODULE_CATALOG[name].port });

    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: httpLogOptions(config, logStream) }),
        CqrsModule.forRoot(),
        // Before security, so that a flood is turned away before any token is checked.
        RateLimitModule.forRoot(config),
        SecurityModule.forRoot(config),
        HealthModule,
        ObservabilityModule,
        MessagingModule.forRoot(MODULE_NAMES.map((name) => MODULE_CATALOG[name].manifest)),
        TransportModule.forRoot(config, hosted.map(describe), remote.map(describe)),
        ...hosted.map((name) => MODULE_CATALOG[name].host),
        ...MODULE_NAMES.map((name) => MODULE_CATALOG[name].http),
        GatewayModule,
        DeadLettersModule,
        DashboardModule.forRoot(MODULE_NAMES.map(forDashboard)),
      ],
    };
  }
}

/** What the dashboard draws of a module: it imports none of them, and is told here. */
function forDashboard(name: ModuleName): ModuleDescription {
  const entry = MODULE_CATALOG[name];
  const key = (type: MessageType) => messageKey(type.messageName, type.version);
  const { publishes, calls } = MODULE_LINKS[name];
  return { name, port: entry.port.name, methods: forwardedMethodNames(entry.port), consumes: entry.manifest.consumes.map(key), publishes, calls };
}
