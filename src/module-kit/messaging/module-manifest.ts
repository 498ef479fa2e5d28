import { ModuleName } from '../config/module-name';
import { MessageType } from './integration-message';

/**
 * What every process must know about a module, whether it hosts it or not: the messages the module
 * consumes. A producer uses it to address its outbox rows to each consumer.
 */
export interface ModuleManifest {
  name: ModuleName;
  consumes: MessageType[];
}
