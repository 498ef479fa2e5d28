import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config/config-error';
import { loadConfig } from '../../../test/support/example-modules';
import { resolveJwtSecret } from './jwt-secret';
import { SHIPPED_EXAMPLE_SECRETS } from './shipped-example-secrets';

describe('the JWT secret', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'shop-secret-'));

  it('is the configured one when JWT_SECRET is set', () => {
    const secret = 'a-configured-secret-that-is-long-enough-0123';
    expect(resolveJwtSecret(loadConfig({ JWT_SECRET: secret, DATA_DIR: dataDir() }))).toEqual({ value: secret, generated: false, shippedExample: false });
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

  describe('shipped in this repository (docker/, tests): anyone who read it can sign admin tokens', () => {
    const secretFile = (content: string) => {
      const file = join(dataDir(), 'jwt_secret');
      writeFileSync(file, content);
      return file;
    };

    it.each(SHIPPED_EXAMPLE_SECRETS.map((secret) => [secret]))('is refused in production from JWT_SECRET: %s', (secret) => {
      const env = { NODE_ENV: 'production', JWT_SECRET: secret, DATA_DIR: dataDir() };
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(
        /^JWT_SECRET is an example secret shipped in this repository, with which anyone can sign admin tokens: with NODE_ENV=production set a secret of your own, e\.g\. JWT_SECRET="\$\(openssl rand -base64 48\)"\.$/,
      );
    });

    it.each(SHIPPED_EXAMPLE_SECRETS.map((secret) => [secret]))('is refused in production from JWT_SECRET_FILE, a final newline aside: %s', (secret) => {
      const file = secretFile(`${secret}\n`);
      const env = { NODE_ENV: 'production', JWT_SECRET_FILE: file, DATA_DIR: dataDir() };
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(/^JWT_SECRET_FILE \S+ holds an example secret shipped in this repository, .*: with NODE_ENV=production put a secret of your own in it, e\.g\. openssl rand -base64 48 > \S+\.$/);
    });

    it('a random secret of 48 characters is accepted in production, from JWT_SECRET or JWT_SECRET_FILE', () => {
      const secret = randomBytes(36).toString('base64');
      expect(secret).toHaveLength(48);
      expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret }).jwtSecret).toBe(secret);
      expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET_FILE: secretFile(`${secret}\n`) }).jwtSecret).toBe(secret);
      expect(resolveJwtSecret(loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret })).shippedExample).toBe(false);
    });

    it('development still starts with one, marked so that the process warns about it', () => {
      for (const secret of SHIPPED_EXAMPLE_SECRETS) {
        expect(resolveJwtSecret(loadConfig({ JWT_SECRET: secret, DATA_DIR: dataDir() }))).toEqual({ value: secret, generated: false, shippedExample: true });
        expect(resolveJwtSecret(loadConfig({ NODE_ENV: 'development', JWT_SECRET_FILE: secretFile(secret) })).shippedExample).toBe(true);
      }
    });
  });
});
