import { Client } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';

/** The PostgreSQL member of TypeORM's options (its own module is not exported). */
type PostgresOptions = Extract<DataSourceOptions, { type: 'postgres' }>;

/**
 * A connection of its own to the database behind `dataSource`, outside its pool: for what must stay on one
 * session for a long time (a session-level advisory lock, LISTEN), which a pooled connection, handed to
 * transactions in turn and possibly the pool's only one (embedded), cannot do.
 */
export function openDedicatedConnection(dataSource: DataSource, name: string): Client {
  const options = dataSource.options as PostgresOptions;
  return new Client({
    connectionString: options.url,
    host: options.host,
    port: options.port,
    user: options.username,
    password: typeof options.password === 'string' ? options.password : undefined,
    database: options.database,
    application_name: name,
    // A peer that vanished without closing (a cut network) is noticed by the kernel, not only at the next query.
    keepAlive: true,
  });
}
