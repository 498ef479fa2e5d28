import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Request } from 'express';
import { Actor } from './actor';

export const IS_PUBLIC = Symbol('isPublic');

/** Marks a route that needs no token (sign-up, health, metrics, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The verified caller of the current request (set by JwtAuthGuard). */
export const CurrentActor = createParamDecorator(
  (_: unknown, context: ExecutionContext): Actor => context.switchToHttp().getRequest<Request & { actor: Actor }>().actor,
);
