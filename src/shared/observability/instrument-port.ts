import { Metrics } from './metrics';

/**
 * Wraps a port so that every call is timed and counted with its callee, method and whether the module
 * answered in this process or over the transport: the cost of a boundary, visible per call.
 */
export function instrumentPort<T extends object>(port: T, methods: readonly string[], callee: string, mode: 'local' | 'remote', metrics: Metrics): T {
  const instrumented = Object.create(Object.getPrototypeOf(port)) as Record<string, unknown>;
  const target = port as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const method of methods) {
    instrumented[method] = async (...args: unknown[]) => {
      const stop = metrics.moduleCalls.startTimer({ callee, method, mode });
      try {
        const result = await target[method].apply(port, args);
        stop({ outcome: 'ok' });
        return result;
      } catch (error) {
        stop({ outcome: (error as { code?: string }).code ?? 'error' });
        throw error;
      }
    };
  }
  return instrumented as T;
}
