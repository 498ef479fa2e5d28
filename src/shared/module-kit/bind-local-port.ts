import { Abstract, Provider, Type } from '@nestjs/common';
import { instrumentPort } from '../observability/instrument-port';
import { Metrics } from '../observability/metrics';
import { Tracing } from '../observability/tracing/tracing';

/**
 * Binds a module's port to the module's own implementation in the process that hosts it: a plain method
 * call, timed like a remote one so the two can be compared.
 */
export function bindLocalPort(port: Abstract<object>, implementation: Type<object>, methods: readonly string[], module: string): Provider[] {
  return [
    implementation,
    {
      provide: port,
      inject: [implementation, Metrics, Tracing],
      useFactory: (local: object, metrics: Metrics, tracing: Tracing) => instrumentPort(local, methods, module, 'local', metrics, tracing),
    },
  ];
}
