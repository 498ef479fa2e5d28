import { configLoader } from '../platform/config/load-config';
import { KNOWN_MODULES } from './module-names';

/** Reads this app's configuration from the environment, knowing the modules of its catalog. */
export const loadConfig = configLoader(KNOWN_MODULES);
