import { Injectable } from '@nestjs/common';
import { AppConfig } from '../shared/config/app-config';
import { MODULE_NAMES, ModuleName } from '../shared/config/module-name';
import { Readiness } from '../shared/health/readiness';
import { BreakerState, RemoteDependencies } from '../shared/health/remote-dependencies';
import { messageKey } from '../shared/messaging/integration-message';
import { MODULE_CATALOG } from '../app/module-catalog';

/** One module as this process sees it: hosted here, or reached over the transport. */
export interface ModuleView {
  name: ModuleName;
  location: 'local' | 'remote';
  /** How this process reaches it: in-process calls, or the transport. */
  via: 'in-process' | AppConfig['transport'];
  healthy: boolean;
  /** What failed, when it is not healthy. */
  detail?: string;
  /**
   * How long the health check took: the readiness check of a hosted module; for a remote one, the round trip
   * of its last answered ping (null while none was).
   */
  checkMs: number | null;
  /** For a remote module: the state of this process's circuit breaker for calls to it. */
  breaker?: BreakerState;
  port: string;
  methods: readonly string[];
  consumes: string[];
}

export interface TopologyView {
  process: { modules: ModuleName[]; transport: AppConfig['transport'] };
  modules: ModuleView[];
  checkedAt: string;
}

const CHECK_TIMEOUT_MS = 1000;

/**
 * Which module runs where, seen from this process, and whether each answers: a hosted module by its
 * readiness check (its database), a remote one as /health/dependencies reports it (a ping over the transport,
 * and the circuit breaker). Only names and states: no address or URL, since this is served without a token.
 */
@Injectable()
export class Topology {
  constructor(
    private readonly config: AppConfig,
    private readonly readiness: Readiness,
    private readonly dependencies: RemoteDependencies,
  ) {}

  async view(): Promise<TopologyView> {
    const readiness = await this.timed(() => this.readiness.report(CHECK_TIMEOUT_MS));
    const checks = readiness.value?.checks ?? {};
    return {
      process: { modules: MODULE_NAMES.filter((name) => this.config.hosts(name)), transport: this.config.transport },
      modules: await Promise.all(MODULE_NAMES.map((name) => this.moduleView(name, checks, readiness.ms))),
      checkedAt: new Date().toISOString(),
    };
  }

  private async moduleView(name: ModuleName, checks: Record<string, string>, readinessMs: number): Promise<ModuleView> {
    const entry = MODULE_CATALOG[name];
    const described = { name, port: entry.port.name, methods: entry.methods, consumes: entry.manifest.consumes.map((t) => messageKey(t.messageName, t.version)) };
    if (this.config.hosts(name)) {
      const state = checks[`${name}.database`] ?? 'down: not started';
      return { ...described, location: 'local', via: 'in-process', healthy: state === 'up', detail: state === 'up' ? undefined : state, checkMs: readinessMs };
    }
    const remote = await this.dependencies.check(name, CHECK_TIMEOUT_MS);
    const healthy = remote.status === 'up';
    return { ...described, location: 'remote', via: this.config.transport, healthy, detail: healthy ? undefined : `down: ${remote.detail}`, checkMs: remote.roundTripMs, breaker: remote.breaker };
  }

  private async timed<T>(work: () => Promise<T>): Promise<{ value?: T; ms: number; error?: string }> {
    const started = performance.now();
    try {
      const value = await work();
      return { value, ms: Math.round(performance.now() - started) };
    } catch (error) {
      return { ms: Math.round(performance.now() - started), error: `down: ${(error as Error).message}` };
    }
  }
}
