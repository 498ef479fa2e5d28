import { Provider, Type } from '@nestjs/common';
import { instrumentPort } from '../platform/observability/instrument-port';
import { Metrics } from '../platform/observability/metrics';
import { Tracing } from '../platform/observability/tracing/tracing';
import { forwardedMethodNames, PortClass } from './forwarded';

/**
 * Binds a module's port to the module's own implementation in the process that hosts it: a plain method
 * call, timed like a remote one so the two can be compared. The methods timed are those the port
 * declares @Forwarded, as over the transport.
 */
export function bindLocalPort(port: PortClass, implementation: Type<object>, module: string): Provider[] {
  return [
    implementation,
    {
      provide: port,
      inject: [implementation, Metrics, Tracing],
      useFactory: (local: object, metrics: Metrics, tracing: Tracing) => instrumentPort(local, forwardedMethodNames(port), module, 'local', metrics, tracing),
    },
  ];
}
