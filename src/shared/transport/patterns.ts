import { ModuleName } from '../config/module-name';

/**
 * The message patterns a module answers on when it lives in another process. Every port method travels
 * through one pattern, so extracting a module adds no per-method wiring.
 */
export const patterns = {
  /** A port method call: `{ method, args }`, answered with the method's result. */
  call: (module: ModuleName) => `${module}.call`,
  /** An outbox row for this module's inbox, answered once it is handled. */
  inbox: (module: ModuleName) => `${module}.inbox`,
  /** Liveness of a module's host, for readiness checks. */
  ping: (module: ModuleName) => `${module}.ping`,
};

export interface PortCall {
  method: string;
  args: unknown[];
}
