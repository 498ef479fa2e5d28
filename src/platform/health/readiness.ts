/** What the process itself needs to do its work: a hosted module's database, its own transport connection. */
export type ReadinessCheck = () => Promise<void>;

/** The checks behind /health/ready, registered by whatever the process runs. */
export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  /** The registered checks by name, for /health/ready. */
  entries(): Array<[string, ReadinessCheck]> {
    return [...this.checks];
  }

  async report(timeoutMs = 1000): Promise<{ ready: boolean; checks: Record<string, 'up' | string> }> {
    const results = await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        try {
          await withTimeout(check(), timeoutMs);
          return [name, 'up'] as const;
        } catch (error) {
          return [name, `down: ${(error as Error).message}`] as const;
        }
      }),
    );
    return { ready: results.every(([, state]) => state === 'up'), checks: Object.fromEntries(results) };
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
