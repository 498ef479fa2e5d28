/** The modules this codebase knows. A process hosts any subset of them (`MODULES`). */
export const MODULE_NAMES = ['customers', 'orders', 'payments'] as const;
export type ModuleName = (typeof MODULE_NAMES)[number];

export function isModuleName(value: string): value is ModuleName {
  return (MODULE_NAMES as readonly string[]).includes(value);
}
