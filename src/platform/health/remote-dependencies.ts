import { withTimeout } from './readiness';

/** The circuit breaker of the calls this process makes to a module, as cockatiel names its states. */
export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

/** A module this process reaches over the transport, as /health/dependencies asks it. */
export interface RemoteDependency {
  /** The transport it is reached over, for the report. */
  via: string;
  /** A ping to the module itself, past its circuit breaker, so that a module coming back is seen. */
  ping(timeoutMs: number): Promise<void>;
  breaker(): BreakerState;
}

/** One module reached over the transport, as the last ping found it. */
export interface DependencyState {
  name: string;
  via: string;
  status: 'up' | 'down';
  breaker: BreakerState;
  /** Round trip of the last ping that was answered (this one, when up); null while none was. */
  roundTripMs: number | null;
  /** When a ping was last answered; null while none was. */
  lastAnsweredAt: string | null;
  /** Why it is down. Never an address: this is served without a token. */
  detail?: string;
}

export interface DependenciesReport {
  /** "degraded" while a module reached over the transport is down; this process still serves the rest. */
  status: 'ok' | 'degraded';
  modules: DependencyState[];
  checkedAt: string;
}

/**
 * The modules this process reaches over the transport, and how each answers. Kept apart from readiness on
 * purpose: a module hosted elsewhere being down is not a reason to take this process out of a load balancer
 * (its other modules still serve, and messages for the missing one wait in the outbox), so it is reported
 * here, for people and dashboards, and never fails /health/ready.
 */
export class RemoteDependencies {
  private readonly dependencies = new Map<string, RemoteDependency>();
  private readonly lastAnswered = new Map<string, { roundTripMs: number; at: string }>();
  /** A ping in flight per module: probes that come together share it rather than each sending one. */
  private readonly inFlight = new Map<string, Promise<DependencyState>>();

  register(name: string, dependency: RemoteDependency): void {
    this.dependencies.set(name, dependency);
  }

  async report(timeoutMs = 1000): Promise<DependenciesReport> {
    const modules = await Promise.all([...this.dependencies.keys()].map((name) => this.check(name, timeoutMs)));
    return { status: modules.every((m) => m.status === 'up') ? 'ok' : 'degraded', modules, checkedAt: new Date().toISOString() };
  }

  /** One module's state, pinging it now (or joining a ping already on its way). */
  check(name: string, timeoutMs = 1000): Promise<DependencyState> {
    const pending = this.inFlight.get(name);
    if (pending) return pending;
    const probe = this.probe(name, timeoutMs).finally(() => this.inFlight.delete(name));
    this.inFlight.set(name, probe);
    return probe;
  }

  private async probe(name: string, timeoutMs: number): Promise<DependencyState> {
    const dependency = this.dependencies.get(name);
    if (!dependency) throw new Error(`${name} is not reached over the transport by this process`);
    const started = performance.now();
    let detail: string | undefined;
    try {
      await withTimeout(dependency.ping(timeoutMs), timeoutMs);
      this.lastAnswered.set(name, { roundTripMs: Math.round((performance.now() - started) * 10) / 10, at: new Date().toISOString() });
    } catch (error) {
      detail = describe(error);
    }
    const last = this.lastAnswered.get(name);
    return {
      name,
      via: dependency.via,
      status: detail === undefined ? 'up' : 'down',
      breaker: dependency.breaker(),
      roundTripMs: last?.roundTripMs ?? null,
      lastAnsweredAt: last?.at ?? null,
      ...(detail === undefined ? {} : { detail }),
    };
  }
}

/**
 * A module's own unavailability (MODULE_UNAVAILABLE) says what happened in words meant for clients; any other
 * error may quote a host and port, which a public endpoint must not show.
 */
function describe(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === 'MODULE_UNAVAILABLE' && typeof message === 'string') return message;
  if (typeof message === 'string' && /^no answer within \d+ ms$/.test(message)) return message;
  return 'the ping failed';
}
