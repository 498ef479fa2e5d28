import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import type { Options } from 'pino-http';
import type { DestinationStream, Level } from 'pino';
import { AppConfig } from '../../../module-kit/config/app-config';
import { logTraceFields } from '../tracing/log-trace-fields';
import { prettyLogStream } from './pretty-log-stream';

/**
 * Requests a person watching the log does not want to read at info: orchestrators' probes, Prometheus'
 * scrapes, the dashboard polling and its assets, the API docs. They are logged at debug.
 */
const ROUTINE_PATHS = /^\/(?:health|metrics|dashboard|docs|favicon)(?:[/?.-]|$)/;

/**
 * How the process logs: at `LOG_LEVEL`, as readable lines or JSON (`LOG_FORMAT`), one line per request with
 * its method, path, status, duration and trace id (never its headers, which carry tokens and cookies).
 * `stream` replaces standard output (tests read the JSON lines from it).
 */
export function httpLogOptions(config: AppConfig, stream?: DestinationStream): Options {
  return {
    level: config.logLevel,
    stream: stream ?? (config.logFormat === 'pretty' ? prettyLogStream() : undefined),
    mixin: logTraceFields,
    customLogLevel: requestLogLevel,
    serializers: {
      req: (req: SerializedRequest) => ({ id: req.id, method: req.method, url: req.url, remoteAddress: clientAddress(req) }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/** pino's serialized request; `raw` is the request it was made from. */
interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  remoteAddress?: string;
  raw?: unknown;
}

/**
 * The client as express sees it (`req.ip`: through X-Forwarded-For of the proxies TRUST_PROXY trusts, the
 * socket's peer otherwise), not the socket's peer, which behind an Ingress is the same proxy for every
 * request. The rate limit keys on the same address.
 */
function clientAddress(req: SerializedRequest): string | undefined {
  return (req.raw as Partial<Request> | undefined)?.ip ?? req.remoteAddress;
}

/**
 * Routine traffic at debug; failures at error, except a 503 (a module or database briefly unavailable, a
 * designed answer with Retry-After), which is a warning like any refusal; the rest at info.
 */
export function requestLogLevel(req: IncomingMessage, res: ServerResponse, error?: Error): Level {
  const routine = ROUTINE_PATHS.test(req.url ?? '');
  if ((error || res.statusCode >= 500) && res.statusCode !== 503) return 'error';
  if (routine) return 'debug';
  return res.statusCode >= 400 ? 'warn' : 'info';
}
