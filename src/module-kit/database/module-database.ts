import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';
import { ModuleName } from '../config/module-name';

interface TransactionScope {
  manager: EntityManager;
  afterCommit: Array<() => void>;
}

/**
 * One module's connection to its own schema. Use cases call `transaction()`; anything inside it (the
 * repositories, the outbox, the inbox) reads `manager` and so joins the same transaction without passing it
 * around. Injected repositories would silently run outside the transaction: this is why there are none.
 */
export class ModuleDatabase {
  private readonly scope = new AsyncLocalStorage<TransactionScope>();

  constructor(
    readonly module: ModuleName,
    readonly dataSource: DataSource,
    private readonly onClose: () => Promise<void> = async () => undefined,
  ) {}

  /** The current transaction's manager, or the plain one outside a transaction. */
  get manager(): EntityManager {
    return this.scope.getStore()?.manager ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.scope.getStore() !== undefined;
  }

  /** Runs `work` in a transaction, joining the caller's if there is one. */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.scope.getStore();
    if (current) return work(current.manager);

    const afterCommit: Array<() => void> = [];
    const result = await this.dataSource.transaction((manager) => this.scope.run({ manager, afterCommit }, () => work(manager)));
    for (const callback of afterCommit) callback();
    return result;
  }

  /** Runs `callback` once the surrounding transaction has committed (at once when there is none). */
  afterCommit(callback: () => void): void {
    const current = this.scope.getStore();
    if (current) current.afterCommit.push(callback);
    else callback();
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.onClose();
  }
}
