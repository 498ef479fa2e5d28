import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';

const BIN = '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL server of the test's own, in a fresh folder on a free port, that the test may restart at
 * will: the machine's server on 5432 is shared and must never be restarted. Needs root (it runs as the
 * `postgres` user) and Debian's postgresql-15.
 */
export class PrivatePostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async start(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'faults-pg-'));
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
    const server = new PrivatePostgres(dir, await freePort());
    server.asPostgres(`${BIN}/initdb -D ${dir} -A trust -U postgres`);
    server.startServer();
    await server.waitUntilAccepting();
    return server;
  }

  /** A crash-like restart: no checkpoint, clients cut off, recovery from the WAL at start. */
  async restartImmediately(downMs: number): Promise<void> {
    this.asPostgres(`${BIN}/pg_ctl -D ${this.dir} -m immediate -w stop`);
    await new Promise((resolve) => setTimeout(resolve, downMs));
    this.startServer();
    await this.waitUntilAccepting();
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  remove(): void {
    try {
      this.asPostgres(`${BIN}/pg_ctl -D ${this.dir} -m immediate -w stop`);
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private startServer(): void {
    this.asPostgres(`${BIN}/pg_ctl -D ${this.dir} -o "-p ${this.port} -k /tmp -c listen_addresses=127.0.0.1" -l ${this.dir}/log -w start`);
  }

  private asPostgres(command: string): void {
    execFileSync('su', ['postgres', '-c', command], { stdio: 'ignore' });
  }

  private async waitUntilAccepting(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await this.query('SELECT 1');
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }
}
