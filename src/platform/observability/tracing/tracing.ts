import { Context, context as contexts, Span, SpanOptions, SpanStatusCode, Tracer } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** This process's tracer, injected where spans are started (HTTP, port calls, outbox, inbox). */
export class Tracing {
  readonly tracer: Tracer;

  constructor(private readonly provider: NodeTracerProvider) {
    this.tracer = provider.getTracer('shop');
  }

  /**
   * Runs `work` in a new active span (a child of `parent`, the active context by default) and ends it;
   * a thrown error marks the span failed and is rethrown untouched.
   */
  inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>, parent: Context = contexts.active()): Promise<T> {
    return this.tracer.startActiveSpan(name, options, parent, async (span) => {
      try {
        return await work(span);
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    });
  }

  /** Sends what is still batched to the exporter. */
  async shutdown(): Promise<void> {
    await this.provider.shutdown();
  }
}

/** `tracing.inSpan`, or just `work` where no tracing was given (classes built by hand in unit tests). */
export function withSpan<T>(tracing: Tracing | undefined, name: string, options: SpanOptions, work: (span?: Span) => Promise<T>, parent?: Context): Promise<T> {
  return tracing ? tracing.inSpan(name, options, work, parent) : work();
}
