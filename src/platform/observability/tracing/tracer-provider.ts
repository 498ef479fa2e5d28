import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, SpanProcessor } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { AppConfig } from '../../../module-kit/config/app-config';

let registered = false;

/**
 * The process's tracer provider: every span goes to `recent` (kept in memory) and, when an OTLP endpoint is
 * configured, in batches to it. The first provider of a Node process is registered globally, which also
 * installs the AsyncLocalStorage context manager that makes `trace.getActiveSpan()` work across awaits.
 * (Tests start several apps in one Node process: each keeps its own provider and store.)
 */
export function createTracerProvider(config: AppConfig, recent: SpanProcessor): NodeTracerProvider {
  const processors: SpanProcessor[] = [recent];
  if (config.otlpEndpoint) processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: `${config.otlpEndpoint.replace(/\/+$/, '')}/v1/traces` })));
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName }),
    spanProcessors: processors,
  });
  if (!registered) {
    provider.register({ propagator: new W3CTraceContextPropagator() });
    registered = true;
  }
  return provider;
}
