import { DynamicModule, Global, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown, Provider } from '@nestjs/common';
import { ClientProxyFactory } from '@nestjs/microservices';
import { AppConfig } from '../../module-kit/config/app-config';
import { ModuleName } from '../../module-kit/config/module-name';
import { RemoteDependencies } from '../health/remote-dependencies';
import { REMOTE_INBOXES } from '../messaging/messaging.module';
import { InFlightWork } from './in-flight-work';
import { ModuleClient } from './module-client';
import { ModuleClients } from './module-clients';
import { createModuleRpcController } from './module-rpc.controller';
import { createRemotePort } from './remote-port';
import { instrumentPort } from '../observability/instrument-port';
import { Metrics } from '../observability/metrics';
import { Tracing } from '../observability/tracing/tracing';
import { Patterns } from './patterns';
import { forwardedMethodNames, PortClass } from '../../module-kit/forwarded';
import { clientOptions } from './transport-options';

/** A module as the transport sees it: its name and the DI token of its port, whose methods it declares @Forwarded. */
export interface PortDescription {
  name: ModuleName;
  port: PortClass;
}

@Injectable()
class TransportLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly clients: ModuleClients,
    private readonly dependencies: RemoteDependencies,
    private readonly config: AppConfig,
  ) {}

  /**
   * Modules hosted elsewhere are reported by /health/dependencies, not by readiness: this process stays ready
   * while one of them is down (its own modules serve; messages for the missing one wait in the outbox).
   */
  onApplicationBootstrap(): void {
    for (const client of this.clients.all()) {
      this.dependencies.register(client.module, { via: this.config.transport, ping: (timeoutMs) => client.ping(timeoutMs), breaker: () => client.policy.stateName });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.clients.closeAll();
  }
}

/**
 * The process's side of the transport: a client and a port proxy for each module hosted elsewhere, and a
 * message controller for each module hosted here (when anything is hosted elsewhere: the monolith
 * listens on nothing). Which modules are which comes from AppConfig, via app.module.ts.
 */
@Global()
@Module({})
export class TransportModule {
  static forRoot(config: AppConfig, hosted: PortDescription[], remote: PortDescription[]): DynamicModule {
    const patterns = new Patterns(config.transportNamespace);
    const clients = new ModuleClients(
      new Map(
        remote.map(({ name }) => [
          name,
          new ModuleClient(name, ClientProxyFactory.create(clientOptions(config, name, patterns)), { timeoutMs: config.remoteCallTimeoutMs, ...config.remoteCalls }, patterns),
        ]),
      ),
    );
    const remotePorts: Provider[] = remote.map(({ name, port }) => ({
      provide: port,
      inject: [Metrics, Tracing],
      useFactory: (metrics: Metrics, tracing: Tracing) => instrumentPort(createRemotePort(port, clients.get(name)), forwardedMethodNames(port), name, 'remote', metrics, tracing),
    }));
    const listens = remote.length > 0;

    return {
      module: TransportModule,
      controllers: listens ? hosted.map(({ name, port }) => createModuleRpcController(name, port, patterns)) : [],
      providers: [InFlightWork, { provide: ModuleClients, useValue: clients }, { provide: REMOTE_INBOXES, useValue: clients }, ...remotePorts, TransportLifecycle],
      exports: [ModuleClients, REMOTE_INBOXES, ...remote.map(({ port }) => port)],
    };
  }
}
