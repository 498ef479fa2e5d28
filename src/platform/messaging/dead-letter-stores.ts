import { ModuleName } from '../../module-kit/config/module-name';
import { DeadLetterStore } from './dead-letter-store';

/**
 * The dead-letter stores of the modules this process hosts, each registered by its module's infrastructure:
 * what the admin API and the module's message controller read when a module is local.
 */
export class DeadLetterStores {
  private readonly stores = new Map<ModuleName, DeadLetterStore>();

  register(module: ModuleName, store: DeadLetterStore): void {
    this.stores.set(module, store);
  }

  get(module: ModuleName): DeadLetterStore | undefined {
    return this.stores.get(module);
  }
}
