import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/**
 * Validates every body and query against its class: unknown fields are refused, types are not coerced
 * (a string is not a number), and the failure lists each field's problems by its path.
 */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    forbidUnknownValues: true,
    exceptionFactory: (validationErrors) => {
      const errors = flatten(validationErrors);
      return new BadRequestException({ message: 'The request is not valid.', errors });
    },
  });
}

/**
 * class-transformer silently drops `__proto__`, `constructor` and `prototype` keys, so the whitelist never
 * sees them and a body carrying one passed as if the field were not there: they are refused like any
 * other unknown field.
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // HTTP bodies and queries only: the pipe also sees transport payloads and contexts (a broker channel is a
    // large object graph that must not be walked).
    const path = metadata.type === 'body' || metadata.type === 'query' ? forbiddenKeyPath(value) : undefined;
    if (path !== undefined) {
      throw new BadRequestException({ message: 'The request is not valid.', errors: { [path]: [`property ${path.split('.').pop()} should not exist`] } });
    }
    return super.transform(value, metadata);
  }
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function forbiddenKeyPath(value: unknown, parent = '', depth = 0): string | undefined {
  if (value === null || typeof value !== 'object' || depth > 32) return undefined;
  for (const key of Object.keys(value)) {
    const path = parent ? `${parent}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) return path;
    const found = forbiddenKeyPath((value as Record<string, unknown>)[key], path, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function flatten(validationErrors: ValidationError[], parent = ''): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const error of validationErrors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) result[path] = Object.values(error.constraints);
    Object.assign(result, flatten(error.children ?? [], path));
  }
  return result;
}
