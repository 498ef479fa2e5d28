/** PostgreSQL's SQLSTATE for a unique constraint violation. */
const UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const cause = (error as { driverError?: { code?: string; constraint?: string }; code?: string; constraint?: string }) ?? {};
  const code = cause.driverError?.code ?? cause.code;
  const name = cause.driverError?.constraint ?? cause.constraint;
  return code === UNIQUE_VIOLATION && (constraint === undefined || name === constraint);
}
