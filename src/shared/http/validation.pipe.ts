import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/**
 * Validates every body and query against its class: unknown fields are refused, types are not coerced
 * (a string is not a number), and the failure lists each field's problems by its path.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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

function flatten(validationErrors: ValidationError[], parent = ''): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const error of validationErrors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) result[path] = Object.values(error.constraints);
    Object.assign(result, flatten(error.children ?? [], path));
  }
  return result;
}
