import 'reflect-metadata';
import type { CallKind } from '../platform/resilience/remote-call-policy';

/** One method of a port as the transport forwards it: `read` may be retried by a remote proxy, `write` is sent once. */
export interface ForwardedMethod {
  name: string;
  kind: CallKind;
}

/** Every method of port `P`, each said to be a read or a write: the compiler refuses a method left out or unknown. */
export type ForwardedMethodKinds<P> = { readonly [M in keyof P]-?: CallKind };

/** A module's port: the abstract class other modules inject, and the DI token it is bound under. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PortClass = abstract new (...args: any[]) => object;

const FORWARDED_METHODS = Symbol('forwarded port methods');

/**
 * Declares, on a module's port, the methods the transport forwards and which of them only read (and so are
 * safe to retry). The one place this is said: the local binding, the remote proxy, the message controller,
 * the instrumentation and the contract snapshots all read it back, through forwardedMethods().
 * It decorates the class, not each method, because TypeScript accepts no decorator on an abstract method
 * (TS1249). The compiler takes `P` from the class decorated and refuses a method left out or unknown.
 */
export function Forwarded<P = never>(kinds: ForwardedMethodKinds<NoInfer<P>>): (port: abstract new (...args: never[]) => P) => void {
  const methods = Object.entries(kinds as Record<string, CallKind>).map(([name, kind]) => Object.freeze({ name, kind }));
  return (port) => Reflect.defineMetadata(FORWARDED_METHODS, Object.freeze(methods), port);
}

/** The methods `port` forwards, in the order declared; the same for a class that extends it. */
export function forwardedMethods(port: PortClass): readonly ForwardedMethod[] {
  const methods = Reflect.getMetadata(FORWARDED_METHODS, port) as readonly ForwardedMethod[] | undefined;
  if (!methods) throw new Error(`${port.name} declares no @Forwarded() methods: the transport would forward none of them`);
  return methods;
}

/** Just their names. */
export function forwardedMethodNames(port: PortClass): string[] {
  return forwardedMethods(port).map(({ name }) => name);
}
