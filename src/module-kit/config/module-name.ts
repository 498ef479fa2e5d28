/**
 * A business module's name, as the app's catalog (src/app/module-names.ts) spells it. The kit and the platform
 * never list the modules: what they need to know of them, the app passes in.
 */
export type ModuleName = string;
