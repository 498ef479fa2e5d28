import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';

/** The `Idempotency-Key` header (1..255 characters), or undefined when the client sent none. */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<Request>().headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length < 1 || value.length > 255) {
    throw new BadRequestException({ message: 'Idempotency-Key must be 1 to 255 characters.', errors: { 'Idempotency-Key': ['must be 1 to 255 characters'] } });
  }
  return value;
});
