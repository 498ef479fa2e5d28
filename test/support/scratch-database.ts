import { Client } from 'pg';

/** The server the tests use unless DATABASE_URL names another: the machine's PostgreSQL, as .ci/run sets it up. */
const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A database of a test's own on the PostgreSQL server of DATABASE_URL (or the local one), dropped and created
 * again at each run so that nothing from an earlier run is counted. Several processes of the shop share it,
 * as replicas of a module share one database in production.
 */
export class ScratchDatabase {
  private constructor(
    readonly url: string,
    private readonly name: string,
    private readonly serverUrl: string,
  ) {}

  static async create(name: string, serverUrl = process.env.DATABASE_URL || LOCAL_SERVER): Promise<ScratchDatabase> {
    const target = new URL(serverUrl);
    target.pathname = `/${name}`;
    await withClient(serverUrl, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${name}"`);
    });
    return new ScratchDatabase(target.toString(), name, serverUrl);
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return queryDatabase<T>(this.url, sql, params);
  }

  /** Drops the database (the shop must be stopped first; FORCE ends any connection left over). */
  async drop(): Promise<void> {
    await withClient(this.serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`));
  }
}

/** Runs one statement on the database at `url` (a connection of its own, closed after). */
export function queryDatabase<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  return withClient(url, async (client) => (await client.query(sql, params)).rows as T[]);
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
