import { ExecutionContext, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { Actor } from '../../module-kit/security/actor';
import { JwtAuthGuard } from './jwt-auth.guard';

const SECRET = 'a-secret-for-this-spec-only-0123456789';

/** The guard with the real JwtService; the request is the edge, made by hand. */
function setUp() {
  const jwt = new JwtService({ secret: SECRET, signOptions: { algorithm: 'HS256' } });
  const guard = new JwtAuthGuard(jwt, new Reflector());
  const call = (token: string): Actor => {
    const request: { headers: Record<string, string>; actor?: Actor } = { headers: { authorization: `Bearer ${token}` } };
    const context = {
      getType: () => 'http',
      getHandler: () => call,
      getClass: () => JwtAuthGuard,
      switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({ setHeader: () => undefined }) }),
    } as unknown as ExecutionContext;
    guard.canActivate(context);
    return request.actor!;
  };
  return { jwt, call };
}

describe('JwtAuthGuard', () => {
  afterEach(() => jest.useRealTimers());

  it('accepts a token again and again until its exp, and never at or after it, though it was verified before', () => {
    const start = Date.UTC(2030, 0, 1, 12, 0, 0, 250);
    jest.useFakeTimers({ now: start });
    const { jwt, call } = setUp();
    const exp = Math.floor(start / 1000) + 2;
    const token = jwt.sign({ sub: 'c-1', role: 'customer', exp });

    expect(call(token)).toEqual({ id: 'c-1', role: 'customer' });
    jest.setSystemTime(exp * 1000 - 1);
    expect(call(token)).toEqual({ id: 'c-1', role: 'customer' });
    jest.setSystemTime(exp * 1000);
    expect(() => call(token)).toThrow(UnauthorizedException);
    jest.setSystemTime(start);
    // Once refused, it is verified afresh: and it is valid at that time.
    expect(call(token)).toEqual({ id: 'c-1', role: 'customer' });
  });

  it('refuses a token whose signature differs by one character, after the genuine one was accepted', () => {
    const { jwt, call } = setUp();
    const token = jwt.sign({ sub: 'admin', role: 'admin' }, { expiresIn: '1h' });
    expect(call(token).role).toBe('admin');
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    expect(() => call(token.slice(0, -1) + last)).toThrow(UnauthorizedException);
  });

  it('gives each request its own actor object', () => {
    const { jwt, call } = setUp();
    const token = jwt.sign({ sub: 'c-2', role: 'customer' }, { expiresIn: '1h' });
    const first = call(token);
    first.id = 'changed by a handler';
    expect(call(token).id).toBe('c-2');
  });
});
