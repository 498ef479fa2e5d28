import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { existsSync, mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { DataDirLock } from './data-dir-lock';
import { seedFromTemplate } from './pglite-template';

export interface PostgresEndpoint {
  host: string;
  port: number;
  username: string;
  database: string;
}

/**
 * An embedded PostgreSQL (PGlite, compiled to WebAssembly) kept in a folder, served on a loopback port by
 * pglite-socket so that the app talks to it with the same `pg` driver it uses for a real server.
 *
 * PGlite runs one session: the pool in front of it must hold a single connection (open-module-database.ts),
 * so transactions queue instead of interleaving on the shared session.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly lock: DataDirLock,
    readonly endpoint: PostgresEndpoint,
  ) {}

  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    if (!existsSync(dataDir)) await seedFromTemplate(dataDir);
    mkdirSync(dataDir, { recursive: true });
    const lock = DataDirLock.acquire(dataDir);
    try {
      const db = await PGlite.create({ dataDir });
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
      await server.start();
      const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
      return new EmbeddedPostgres(db, server, lock, { host: '127.0.0.1', port, username: 'postgres', database: 'postgres' });
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  async stop(): Promise<void> {
    try {
      await this.server.stop();
      await this.db.close();
    } finally {
      this.lock.release();
    }
  }
}
