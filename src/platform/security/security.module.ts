import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule, JwtService } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../../module-kit/config/app-config';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtSecret, resolveJwtSecret } from './jwt-secret';

const JWT_SECRET = Symbol('JwtSecret');

/**
 * With a generated secret, hands the operator a ready admin token: printed once and kept in DATA_DIR. With a
 * secret shipped in the repository (development only: production refuses it), says so.
 */
@Injectable()
class AdminTokenAnnouncer implements OnApplicationBootstrap {
  private readonly logger = new Logger('Security');

  constructor(
    private readonly config: AppConfig,
    private readonly jwt: JwtService,
    @Inject(JWT_SECRET) private readonly secret: JwtSecret,
  ) {}

  onApplicationBootstrap(): void {
    if (this.secret.shippedExample) {
      this.logger.warn('The JWT secret is an example shipped in this repository: anyone can sign admin tokens for this process (NODE_ENV=production refuses it).');
    }
    if (!this.secret.generated) return;
    const token = this.jwt.sign({ sub: 'admin', role: 'admin' }, { expiresIn: '30d' });
    const file = join(this.config.dataDir, 'admin.token');
    writeFileSync(file, token, { mode: 0o600 });
    this.logger.warn(`No JWT_SECRET configured: using a generated one. Admin token (30 days, also in ${file}): ${token}`);
  }
}

@Global()
@Module({})
export class SecurityModule {
  static forRoot(config: AppConfig): DynamicModule {
    const secret = resolveJwtSecret(config);
    // Handed a string, jsonwebtoken tries, and fails, to parse it as a public key on every verify before using
    // it as a secret: that thrown error was the largest CPU cost of an authenticated request. A key made once
    // skips it.
    const key = createSecretKey(Buffer.from(secret.value));
    return {
      module: SecurityModule,
      imports: [JwtModule.register({ secretOrKeyProvider: () => key, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } })],
      providers: [{ provide: JWT_SECRET, useValue: secret }, { provide: APP_GUARD, useClass: JwtAuthGuard }, AdminTokenAnnouncer],
      exports: [JwtModule],
    };
  }
}
