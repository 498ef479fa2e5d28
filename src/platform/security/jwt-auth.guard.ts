import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { Request, Response } from 'express';
import { Actor } from '../../module-kit/security/actor';
import { IS_PUBLIC } from '../../module-kit/security/decorators';
import { VerifiedTokenCache } from './verified-token-cache';

/**
 * Every HTTP route needs `Authorization: Bearer <JWT>` unless marked @Public(). Only HS256 is accepted
 * (a token with `alg: none` or another algorithm is refused), and `exp` is required. Calls between
 * modules over the transport are not HTTP and are not checked here.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly verified = new VerifiedTokenCache();

  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;

    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    try {
      request.actor = this.verify(request.headers.authorization);
      return true;
    } catch (error) {
      context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer');
      throw error;
    }
  }

  private verify(header: string | undefined): Actor {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) throw new UnauthorizedException('Send a token: Authorization: Bearer <JWT>.');
    const known = this.verified.get(match[1]);
    if (known) return known;
    let claims: { sub?: unknown; role?: unknown; exp?: unknown; nbf?: unknown };
    try {
      claims = this.jwt.verify(match[1], { algorithms: ['HS256'] });
    } catch {
      throw new UnauthorizedException('The token is invalid or has expired.');
    }
    if (typeof claims.sub !== 'string' || !claims.sub || (claims.role !== 'admin' && claims.role !== 'customer') || typeof claims.exp !== 'number') {
      throw new UnauthorizedException('The token must carry sub, role (admin or customer) and exp.');
    }
    const actor: Actor = { id: claims.sub, role: claims.role };
    if (claims.nbf === undefined) this.verified.set(match[1], actor, claims.exp);
    return actor;
  }
}
