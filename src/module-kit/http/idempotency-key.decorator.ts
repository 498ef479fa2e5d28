import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { Request } from 'express';

/** Where the handler takes the key, the OpenAPI document lists the header (and, by it, the 422 of a reused key). */
function documentHeader(target: object, key: string | symbol | undefined): void {
  if (key === undefined) return;
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Makes the request safe to retry: a retry with the same key and body returns the first answer and has no second effect; the same key with another body is answered 422.',
    schema: { type: 'string', minLength: 1, maxLength: 255 },
  })(target, key, Object.getOwnPropertyDescriptor(target, key)!);
}

/** The `Idempotency-Key` header (1..255 characters), or undefined when the client sent none. */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | undefined => {
    const value = context.switchToHttp().getRequest<Request>().headers['idempotency-key'];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.length < 1 || value.length > 255) {
      throw new BadRequestException({ message: 'Idempotency-Key must be 1 to 255 characters.', errors: { 'Idempotency-Key': ['must be 1 to 255 characters'] } });
    }
    return value;
  },
  [documentHeader],
);
