import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../../module-kit/config/app-config';
import { isShippedExampleSecret } from './shipped-example-secrets';

export interface JwtSecret {
  value: string;
  /** True when no secret was configured and this one was made (or reused) under DATA_DIR. */
  generated: boolean;
  /** True when the configured secret is one shipped in this repository (only development gets this far with it). */
  shippedExample: boolean;
}

/**
 * The configured secret, or — secure by default — one made on first start and kept in DATA_DIR, so that
 * processes started from the same folder (a split topology) accept each other's tokens. Production
 * never gets here without a secret: load-config refuses to start.
 */
export function resolveJwtSecret(config: AppConfig): JwtSecret {
  if (config.jwtSecret) return { value: config.jwtSecret, generated: false, shippedExample: isShippedExampleSecret(config.jwtSecret) };
  const file = join(config.dataDir, 'jwt.secret');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    // 'wx': if another process just wrote it, keep theirs.
    try {
      writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return { value: readFileSync(file, 'utf8').trim(), generated: true, shippedExample: false };
}
