import { DynamicModule, ExecutionContext, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { Request } from 'express';
import { AppConfig } from '../../module-kit/config/app-config';

/** Probes and scrapes come from the platform, often, by design: limiting them would take the process out of rotation. */
const EXEMPT = /^\/(health|metrics)(\/|\?|$)/;

function exempt(context: ExecutionContext): boolean {
  // The guard is global, so it also sees the module servers' message handlers: those are not clients.
  if (context.getType() !== 'http') return true;
  return EXEMPT.test(context.switchToHttp().getRequest<Request>().originalUrl);
}

/**
 * At most `rateLimitPerMinute` requests per minute from one client address (express's req.ip: the peer, or
 * the client a proxy trusted through TRUST_PROXY names in X-Forwarded-For), over the whole API (not per
 * route); beyond it a 429 problem with Retry-After (see problem-details.filter.ts). 0 turns it off. The count
 * is kept in this process: behind several replicas each one counts for itself.
 */
@Module({})
export class RateLimitModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (config.rateLimitPerMinute === 0) return { module: RateLimitModule };
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'default', ttl: 60_000, limit: config.rateLimitPerMinute }],
          skipIf: exempt,
          generateKey: (_context, tracker, name) => `${name}:${tracker}`,
          errorMessage: `More than ${config.rateLimitPerMinute} requests in a minute from this client: retry after the time in Retry-After.`,
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],
    };
  }
}
