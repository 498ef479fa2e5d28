import { ModuleClient } from './module-client';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AbstractClass<T> = abstract new (...args: any[]) => T;

/**
 * An implementation of a module's port whose every method is a call over the transport. It is an
 * instance of the port's class, bound under the same DI token, so callers cannot tell it from the module.
 */
export function createRemotePort<T extends object>(port: AbstractClass<T>, methods: readonly string[], client: ModuleClient): T {
  const remote = Object.create(port.prototype) as Record<string, unknown>;
  for (const method of methods) {
    remote[method] = (...args: unknown[]) => client.call(method, args);
  }
  return remote as T;
}
