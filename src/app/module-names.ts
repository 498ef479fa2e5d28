/**
 * The modules this codebase knows, and the TCP port each answers on unless `<MODULE>_TCP` says otherwise. A process
 * hosts any subset of them (`MODULES`). Only the app names them; the platform is handed this list (loadConfig).
 */
export const KNOWN_MODULES = [
  { name: 'customers', defaultTcpPort: 4101 },
  { name: 'orders', defaultTcpPort: 4102 },
  { name: 'payments', defaultTcpPort: 4103 },
] as const;

export const MODULE_NAMES = KNOWN_MODULES.map((m) => m.name);
export type KnownModuleName = (typeof MODULE_NAMES)[number];
