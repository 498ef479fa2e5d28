import { configLoader, KnownModule } from '../../src/platform/config/load-config';

/**
 * A catalog like the shop's, for the platform's own specs: the platform never imports the app that names the
 * modules, so its specs hand the config loader this list instead.
 */
export const EXAMPLE_MODULES: readonly KnownModule[] = [
  { name: 'customers', defaultTcpPort: 4101 },
  { name: 'orders', defaultTcpPort: 4102 },
  { name: 'payments', defaultTcpPort: 4103 },
];

export const loadConfig = configLoader(EXAMPLE_MODULES);
