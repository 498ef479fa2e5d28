import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '../module-kit/config/app-config';
import { ProblemDetailsFilter } from '../platform/http/problem-details.filter';
import { createValidationPipe } from '../platform/http/validation.pipe';
import { jsonOnly } from '../platform/http/json-only.middleware';
import { serveOpenApi } from '../platform/http/openapi';
import helmet from 'helmet';
import { httpMetrics } from '../platform/observability/http-metrics.middleware';
import { Metrics } from '../platform/observability/metrics';
import { AppModule } from './app.module';
import type { DestinationStream } from 'pino';
import { httpTracing, TRACE_ID_HEADER } from '../platform/observability/tracing/http-tracing.middleware';
import { Tracing } from '../platform/observability/tracing/tracing';
import { join } from 'node:path';
import { DataDirLock } from '../platform/database/data-dir-lock';
import { MODULE_NAMES } from './module-names';
import { StartupError } from '../platform/config/startup-error';
import { redact } from '../platform/config/redact';
import { Patterns } from '../platform/transport/patterns';
import { serverOptions } from '../platform/transport/transport-options';
import { waitForBroker } from '../platform/transport/wait-for-broker';
import { transportConnectionCheck } from '../platform/transport/transport-connection';
import { Readiness } from '../platform/health/readiness';
import { Logger as NestLogger } from '@nestjs/common';
import { drainOnClose } from '../platform/http/drain-on-close';
import { QuietFrameworkLogger } from '../platform/observability/logging/quiet-framework-logger';

/** How long a closing process lets requests it has taken finish before it cuts their connections. */
const HTTP_DRAIN_MS = 10_000;

/** Builds the whole process from its config: HTTP API, hosted modules, proxies. `main.ts` and the tests share it. */
export async function createApp(config: AppConfig, options: { logStream?: DestinationStream } = {}): Promise<INestApplication> {
  // Checked before Nest starts, so that the clash is one line rather than a failed provider's stack trace.
  for (const module of MODULE_NAMES) {
    if (config.hosts(module) && !config.databaseUrls[module]) DataDirLock.assertFree(join(config.dataDir, module));
  }
  // Only the JSON body parser: api.md speaks JSON, and form bodies must not be taken as data.
  // A failed start-up is reported once, by main.ts, in one line: Nest must not also dump the logs it held back.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options.logStream), {
    bufferLogs: true,
    autoFlushLogs: false,
    abortOnError: false,
    bodyParser: false,
  });
  app.useLogger(new QuietFrameworkLogger(app.get(Logger)));
  app.flushLogs();
  // Who the client is (req.ip): the rate limit and the request log key on it. Unset, no peer is believed
  // about X-Forwarded-For, so a client cannot choose its own address.
  app.set('trust proxy', config.trustProxy);
  // First, so that the request's span is active for everything after it, the request log included.
  app.use(httpTracing(app.get(Tracing)));
  app.use(httpMetrics(app.get(Metrics)));
  // The app speaks plain HTTP (TLS ends at the ingress or load balancer): a policy that told the browser to
  // upgrade every request to HTTPS, or to use only HTTPS from now on (HSTS), would break the dashboard at
  // any address but localhost. The TLS terminator is the one to send HSTS.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } }, strictTransportSecurity: false }));
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins, exposedHeaders: ['Retry-After', TRACE_ID_HEADER] });
  app.use(jsonOnly);
  app.useBodyParser('json', { limit: '100kb', type: ['application/json', 'application/*+json'] });
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  // On SIGTERM: drain, then exit 0 (by default Nest re-raises the signal, and the process ends by it, not 0).
  app.enableShutdownHooks(undefined, { useProcessExit: true });
  // Longer than a load balancer's or a client's idle timeout, so the server is never the side that closes
  // an idle keep-alive connection at the moment a client reuses it.
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = 61_000;
  server.headersTimeout = 65_000;
  drainOnClose(server, HTTP_DRAIN_MS);
  serveOpenApi(app);
  await startModuleServers(app, config);
  return app;
}

/**
 * A process that hosts only some modules answers for them over the transport (the monolith has nobody to
 * answer). The servers share the app's pipes, filters and interceptors. A broker that cannot be reached yet
 * is waited for first (meanwhile main.ts's BootingResponder says live, not ready); once the servers listen,
 * their connection is part of readiness.
 */
async function startModuleServers(app: INestApplication, config: AppConfig): Promise<void> {
  const hosted = MODULE_NAMES.filter((name) => config.hosts(name));
  if (hosted.length === MODULE_NAMES.length) return;
  const servers = serverOptions(config, hosted, new Patterns(config.transportNamespace)).map((options) => app.connectMicroservice(options, { inheritAppConfig: true }));
  try {
    const logger = new NestLogger('Transport');
    await waitForBroker(config, { timeoutMs: config.brokerConnectTimeoutMs, log: (line) => logger.warn(line) });
    await app.startAllMicroservices();
    app.get(Readiness).register('transport', transportConnectionCheck(config.transport, servers));
  } catch (error) {
    await app.close().catch(() => undefined);
    if (error instanceof StartupError) throw error; // the broker never came: waitForBroker said why
    const where = config.transport === 'tcp' ? `the TCP port of ${hosted.join(', ')}` : `the ${config.transport} broker at ${redact(config.brokerUrl)}`;
    throw new StartupError(`cannot listen on ${where} (${(error as Error).message}): start it, or fix ${config.transport === 'tcp' ? '<MODULE>_TCP' : 'BROKER_URL'}.`);
  }
}
