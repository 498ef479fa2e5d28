import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/load-config';
import { resolveJwtSecret } from './jwt-secret';

describe('the JWT secret', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'shop-secret-'));

  it('is the configured one when JWT_SECRET is set', () => {
    const secret = 'a-configured-secret-that-is-long-enough-0123';
    expect(resolveJwtSecret(loadConfig({ JWT_SECRET: secret, DATA_DIR: dataDir() }))).toEqual({ value: secret, generated: false });
  });

  it('is made once per DATA_DIR, kept private, and shared by every process started from that folder', () => {
    const dir = dataDir();
    const first = resolveJwtSecret(loadConfig({ DATA_DIR: dir }));
    const second = resolveJwtSecret(loadConfig({ DATA_DIR: dir, MODULES: 'payments' }));
    expect(first.generated).toBe(true);
    expect(first.value.length).toBeGreaterThanOrEqual(48);
    expect(second.value).toBe(first.value);
    expect(statSync(join(dir, 'jwt.secret')).mode & 0o777).toBe(0o600);
  });

  it('is never made up in production: the process refuses to start', () => {
    const dir = dataDir();
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dir })).toThrow(/NODE_ENV=production needs JWT_SECRET or JWT_SECRET_FILE/);
    expect(existsSync(join(dir, 'jwt.secret'))).toBe(false);
  });

  it('refuses a short secret and an unreadable JWT_SECRET_FILE', () => {
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/shorter than 32 characters/);
    expect(() => loadConfig({ JWT_SECRET_FILE: '/nonexistent/secret' })).toThrow(/JWT_SECRET_FILE \/nonexistent\/secret cannot be read/);
  });
});
