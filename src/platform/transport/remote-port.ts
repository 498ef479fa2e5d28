import { forwardedMethods } from '../../module-kit/forwarded';
import { ModuleClient } from './module-client';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AbstractClass<T> = abstract new (...args: any[]) => T;

/**
 * An implementation of a module's port whose every method is a call over the transport. It is an
 * instance of the port's class, bound under the same DI token, so callers cannot tell it from the module.
 * The port's @Forwarded declaration (in the module's contracts) says which methods are reads, safe to retry;
 * every other one is a write and is sent once.
 */
export function createRemotePort<T extends object>(port: AbstractClass<T>, client: ModuleClient): T {
  const remote = Object.create(port.prototype) as Record<string, unknown>;
  for (const { name, kind } of forwardedMethods(port)) {
    remote[name] = (...args: unknown[]) => client.call(name, args, kind);
  }
  return remote as T;
}
