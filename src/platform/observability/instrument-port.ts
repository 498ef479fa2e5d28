import { currentCaller, runAs } from './calling-module';
import { Metrics } from './metrics';
import { SpanKind } from '@opentelemetry/api';
import { Tracing, withSpan } from './tracing/tracing';

/**
 * Wraps a port so that every call is timed and counted with its caller, callee, method and whether the
 * module answered in this process or over the transport: the cost of a boundary, visible per call. A local
 * port also marks what runs behind it as the callee's code, so the calls it makes in turn name it as caller.
 * Each call is also a client span, local or remote alike, so a trace shows every boundary a request crossed.
 */
export function instrumentPort<T extends object>(port: T, methods: readonly string[], callee: string, mode: 'local' | 'remote', metrics: Metrics, tracing?: Tracing): T {
  const instrumented = Object.create(Object.getPrototypeOf(port)) as Record<string, unknown>;
  const target = port as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const method of methods) {
    const span = { kind: SpanKind.CLIENT, attributes: { 'rpc.service': callee, 'rpc.method': method, 'shop.call.mode': mode } };
    instrumented[method] = (...args: unknown[]) =>
      withSpan(tracing, `${callee}.${method}`, span, async () => {
        const stop = metrics.moduleCalls.startTimer({ caller: currentCaller(), callee, method, mode });
        try {
          const result = await (mode === 'local' ? runAs(callee, () => target[method].apply(port, args)) : target[method].apply(port, args));
          stop({ outcome: 'ok' });
          return result;
        } catch (error) {
          stop({ outcome: (error as { code?: string }).code ?? 'error' });
          throw error;
        }
      });
  }
  return instrumented as T;
}
