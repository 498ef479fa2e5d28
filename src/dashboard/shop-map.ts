import { ModuleName } from '../module-kit/config/module-name';

/**
 * One module as the dashboard draws it, told by the composition root (src/app/), which knows the modules:
 * the dashboard imports none of them.
 */
export interface ModuleDescription {
  name: ModuleName;
  /** The name of its port, e.g. "OrdersPort", and the port's methods. */
  port: string;
  methods: readonly string[];
  /** Message keys ("orders.OrderPlaced@v1") it handles and writes. */
  consumes: string[];
  publishes: readonly string[];
  /** The other modules' port methods its code calls. */
  calls: ReadonlyArray<{ module: ModuleName; method: string }>;
}

/** The injection token of the shop's ModuleDescription[]. */
export const SHOP_MODULES = Symbol('ShopModules');

/** Calls from one module to another, by method. */
export interface CallLink {
  from: ModuleName;
  to: ModuleName;
  methods: string[];
}

/** Messages written to one module's outbox for another's inbox (the same module, for its own read model). */
export interface MessageLink {
  from: ModuleName;
  to: ModuleName;
  messages: string[];
}

/** The arrows of the picture, whatever the deployment: who calls whom, and which messages go from whom to whom. */
export function shopLinks(modules: ModuleDescription[]): { calls: CallLink[]; messages: MessageLink[] } {
  const calls = new Map<string, CallLink>();
  const messages = new Map<string, MessageLink>();
  for (const module of modules) {
    for (const { module: to, method } of module.calls) {
      const link = calls.get(`${module.name}>${to}`) ?? { from: module.name, to, methods: [] };
      link.methods.push(method);
      calls.set(`${module.name}>${to}`, link);
    }
    for (const consumer of modules) {
      const heard = module.publishes.filter((key) => consumer.consumes.includes(key));
      if (heard.length > 0) messages.set(`${module.name}>${consumer.name}`, { from: module.name, to: consumer.name, messages: heard });
    }
  }
  return { calls: [...calls.values()], messages: [...messages.values()] };
}
