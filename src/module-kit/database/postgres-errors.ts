import { DomainError } from '../errors/domain-error';

/** PostgreSQL's SQLSTATE for a unique constraint violation. */
const UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const cause = (error as { driverError?: { code?: string; constraint?: string }; code?: string; constraint?: string }) ?? {};
  const code = cause.driverError?.code ?? cause.code;
  const name = cause.driverError?.constraint ?? cause.constraint;
  return code === UNIQUE_VIOLATION && (constraint === undefined || name === constraint);
}

/**
 * The codes and messages of a database that cannot be reached right now (down, restarting, recovering,
 * connection cut), as opposed to a query that is wrong: the request may be retried shortly.
 */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);
const UNAVAILABLE_MESSAGE = /Connection terminated|not queryable|the database system is (starting up|shutting down|in recovery mode)|terminating connection/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  const cause = (error as { driverError?: { code?: unknown; message?: unknown }; code?: unknown; message?: unknown }) ?? {};
  const code = cause.driverError?.code ?? cause.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  return UNAVAILABLE_MESSAGE.test(String(cause.driverError?.message ?? cause.message ?? ''));
}

/** What a request that met an unavailable database fails with: 503, here and across the transport. */
export function databaseUnavailable(): DomainError {
  return new DomainError('DATABASE_UNAVAILABLE', 'unavailable', 'The database is unavailable; try again shortly.');
}
