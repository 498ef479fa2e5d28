import { Forwarded, forwardedMethodNames, forwardedMethods } from './forwarded';

@Forwarded({ put: 'write', count: 'read' })
abstract class ShelfPort {
  abstract put(item: string): Promise<void>;
  abstract count(): Promise<number>;
}

class LocalShelfPort extends ShelfPort {
  put(): Promise<void> {
    return Promise.resolve();
  }
  count(): Promise<number> {
    return Promise.resolve(0);
  }
}

abstract class UndeclaredPort {
  abstract ping(): Promise<void>;
}

describe('@Forwarded and forwardedMethods()', () => {
  it('gives back each method of the port with whether it only reads, in the order declared', () => {
    expect(forwardedMethods(ShelfPort)).toEqual([
      { name: 'put', kind: 'write' },
      { name: 'count', kind: 'read' },
    ]);
    expect(forwardedMethodNames(ShelfPort)).toEqual(['put', 'count']);
  });

  // Declared on the port, inherited by its implementations: the local one forwards the same methods.
  it('answers the same for a class that implements the port', () => {
    expect(forwardedMethods(LocalShelfPort)).toBe(forwardedMethods(ShelfPort));
  });

  it('refuses a port that declares nothing, rather than forwarding none of its methods', () => {
    expect(() => forwardedMethods(UndeclaredPort)).toThrow('UndeclaredPort declares no @Forwarded() methods');
  });

  // What the compiler refuses (npm run typecheck proves each @ts-expect-error is still an error).
  it('is checked by the compiler against the port', () => {
    // @ts-expect-error a method left out
    @Forwarded({ put: 'write' })
    abstract class MissingOne extends ShelfPort {}
    // @ts-expect-error a method the port does not have
    @Forwarded({ put: 'write', count: 'read', clear: 'write' })
    abstract class UnknownOne extends ShelfPort {}
    // @ts-expect-error neither read nor write
    @Forwarded({ put: 'write', count: 'maybe' })
    abstract class BadKind extends ShelfPort {}
    expect([MissingOne, UnknownOne, BadKind].map((port) => forwardedMethods(port).length)).toEqual([1, 3, 2]);
  });
});
