import { ModuleClient } from './module-client';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AbstractClass<T> = abstract new (...args: any[]) => T;

/**
 * An implementation of a module's port whose every method is a call over the transport. It is an
 * instance of the port's class, bound under the same DI token, so callers cannot tell it from the module.
 * The methods in `reads` (declared next to the port, in the module's contracts) are queries, safe to retry;
 * every other one is a command and is sent once.
 */
export function createRemotePort<T extends object>(port: AbstractClass<T>, methods: readonly string[], client: ModuleClient, reads: readonly string[] = []): T {
  const remote = Object.create(port.prototype) as Record<string, unknown>;
  for (const method of methods) {
    const kind = reads.includes(method) ? 'read' : 'write';
    remote[method] = (...args: unknown[]) => client.call(method, args, kind);
  }
  return remote as T;
}
