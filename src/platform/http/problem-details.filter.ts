import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { Response } from 'express';
import { Observable, throwError } from 'rxjs';
import { DomainError, ErrorKind } from '../../module-kit/errors/domain-error';
import { databaseUnavailable, isDatabaseUnavailable } from '../../module-kit/database/postgres-errors';

/** An RFC 9457 problem document. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** A stable UPPER_SNAKE name of the failure: every problem has one, the framework's own included. */
  code: string;
  errors?: Record<string, string[]>;
}

const STATUS_OF_KIND: Record<ErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * The code of an error raised by the framework or the HTTP layer rather than by a module: a module's own
 * errors are DomainErrors with codes of their own. A 404 that reaches here is a route nobody serves.
 */
const CODES: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  500: 'INTERNAL_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * Every error leaves as application/problem+json: domain errors by their kind and stable code, HTTP errors
 * by their status, validation failures with a field-by-field `errors` map. Anything else is a 500 whose
 * details go to the log, never to the client.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    // The module servers inherit the app's filters; over the transport an error stays the RpcException's payload.
    if (host.getType() === 'rpc') return throwError(() => (exception instanceof RpcException ? exception.getError() : { message: 'internal error' }));
    this.respond(exception, host.switchToHttp().getResponse<Response>());
  }

  /** Writes the problem document for `exception`; also used by middleware that runs before Nest's filters. */
  respond(exception: unknown, response: Response): void {
    const problem = this.toProblem(exception);
    if (problem.status >= 500 && problem.status !== 503) this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    if (problem.status === 503) response.setHeader('Retry-After', '1');
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof DomainError) {
      const status = STATUS_OF_KIND[exception.kind] ?? 500;
      return { ...base(status), detail: exception.message, code: exception.code };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse() as string | { message?: unknown; code?: unknown; errors?: Record<string, string[]> };
      const detail = typeof body === 'string' ? body : Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? exception.message);
      const errors = typeof body === 'object' ? body.errors : undefined;
      const code = typeof body === 'object' && typeof body.code === 'string' ? body.code : codeOf(status);
      return { ...base(status), detail, code, ...(errors ? { errors } : {}) };
    }
    const status = httpStatusOfLowLevelError(exception);
    if (status) return { ...base(status), code: codeOf(status), detail: status === 413 ? 'The request body is too large.' : 'The request body could not be read.' };
    // A database that is down or restarting is not a bug in the request: 503, and the client retries (a
    // write with the same Idempotency-Key, so that one that did commit before the cut is not made twice).
    if (isDatabaseUnavailable(exception)) return this.toProblem(databaseUnavailable());
    return { ...base(500), code: codeOf(500), detail: 'An unexpected error occurred.' };
  }
}

function codeOf(status: number): string {
  return CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'REQUEST_REFUSED');
}

function base(status: number): Pick<ProblemDetails, 'type' | 'title' | 'status'> {
  return { type: `https://httpstatuses.io/${status}`, title: TITLES[status] ?? 'Error', status };
}

/** body-parser reports malformed or oversized bodies as plain errors carrying a 4xx status. */
function httpStatusOfLowLevelError(exception: unknown): number | undefined {
  const status = (exception as { status?: unknown; statusCode?: unknown })?.status ?? (exception as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
