import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which module's code is running, so that a call through a port can be labelled with its caller. A module's
 * code is entered through its port or its inbox; both mark the work that follows as that module's, and
 * the mark follows every await. Outside any module the caller is the HTTP edge (a module's controller or
 * the gateway composing several), or the transport for a call another process made (that process
 * counts the call under its true caller).
 */
const running = new AsyncLocalStorage<string>();

export function currentCaller(): string {
  return running.getStore() ?? 'http';
}

/** Runs `work` as code of `module` (or on behalf of the transport). */
export function runAs<T>(module: string, work: () => T): T {
  return running.run(module, work);
}
