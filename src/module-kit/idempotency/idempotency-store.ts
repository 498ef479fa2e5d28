import { createHash } from 'node:crypto';
import { ModuleDatabase } from '../database/module-database';
import { DomainError } from '../errors/domain-error';

/**
 * Makes a write safe to retry: the first call with a key runs and its answer is stored with the key in the
 * same transaction; a later call with the same key and request gets that answer back without running again.
 * A concurrent retry blocks on the key's row until the first commits, then replays it.
 */
export class IdempotencyStore {
  constructor(private readonly db: ModuleDatabase) {}

  async once<T>(scope: string, key: string | undefined, request: unknown, work: () => Promise<T>): Promise<T> {
    if (key === undefined) return this.db.transaction(work);
    const requestHash = hashOf(request);
    const table = this.table;

    return this.db.transaction(async (manager) => {
      const claimed: unknown[] = await manager.query(
        `INSERT INTO ${table} (scope, key, request_hash, response) VALUES ($1, $2, $3, 'null')
         ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
        [scope, key, requestHash],
      );
      if (claimed.length === 0) {
        const [first] = await manager.query(`SELECT request_hash, response FROM ${table} WHERE scope = $1 AND key = $2`, [scope, key]);
        return replay<T>(first, requestHash);
      }
      const result = await work();
      await manager.query(`UPDATE ${table} SET response = $3 WHERE scope = $1 AND key = $2`, [scope, key, JSON.stringify(result)]);
      return result;
    });
  }

  /** The answer stored for this key, if the request was already made; lets slow checks run outside the transaction. */
  async previous<T>(scope: string, key: string | undefined, request: unknown): Promise<T | undefined> {
    if (key === undefined) return undefined;
    const [first] = await this.db.manager.query(`SELECT request_hash, response FROM ${this.table} WHERE scope = $1 AND key = $2`, [scope, key]);
    return first ? replay<T>(first, hashOf(request)) : undefined;
  }

  private get table(): string {
    return `"${this.db.module}".idempotency_keys`;
  }
}

function replay<T>(first: { request_hash: string; response: unknown }, requestHash: string): T {
  if (first.request_hash !== requestHash) {
    throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'unprocessable', 'This Idempotency-Key was already used with a different request.');
  }
  return first.response as T;
}

function hashOf(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

/** JSON with sorted keys, so that the same request hashes the same whatever its field order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
