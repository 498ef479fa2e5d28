import { JwtService } from '@nestjs/jwt';

/** The secret the e2e shops are started with (unless JWT_SECRET is set in the environment). */
export const E2E_JWT_SECRET = 'e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz';

/** Signs a token the way a real issuer would: HS256, with sub, role and exp. */
export function tokenFor(sub: string, role: 'admin' | 'customer', secret = process.env.JWT_SECRET || E2E_JWT_SECRET, expiresIn: number | string = '1h'): string {
  return new JwtService({ secret }).sign({ sub, role }, { algorithm: 'HS256', expiresIn: expiresIn as never });
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
