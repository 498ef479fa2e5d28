import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, TransportName } from '../module-kit/config/app-config';
import { ModuleName } from '../module-kit/config/module-name';
import { Readiness } from '../platform/health/readiness';
import { BreakerState, RemoteDependencies } from '../platform/health/remote-dependencies';
import { CallLink, MessageLink, ModuleDescription, SHOP_MODULES, shopLinks } from './shop-map';
import { ShopReports } from './shop-reports';

/** How a call or a message goes from one module to another: a method call in one process, or the transport. */
export type Via = 'in-process' | TransportName;

/** One module as this process sees it: hosted here, or reached over the transport. */
export interface ModuleView {
  name: ModuleName;
  location: 'local' | 'remote';
  /** How this process reaches it: in-process calls, or the transport. */
  via: Via;
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

/** A process of the shop: this one, one that answered, or one that did not (as its modules were last seen). */
export interface ProcessView {
  modules: ModuleName[];
  here: boolean;
  answering: boolean;
}

export interface TopologyView {
  process: { modules: ModuleName[]; transport: TransportName };
  processes: ProcessView[];
  modules: ModuleView[];
  calls: Array<CallLink & { via: Via }>;
  messages: Array<MessageLink & { via: Via }>;
  checkedAt: string;
}

const CHECK_TIMEOUT_MS = 1000;

/**
 * Which module runs in which process, seen from this process, how the modules call and tell each other, and
 * whether each answers: a hosted module by its readiness check (its database), a remote one as
 * /health/dependencies reports it (a ping over the transport, and the circuit breaker). Only names and
 * states: no address or URL, since this is served without a token.
 */
@Injectable()
export class Topology {
  constructor(
    private readonly config: AppConfig,
    private readonly readiness: Readiness,
    private readonly dependencies: RemoteDependencies,
    private readonly reports: ShopReports,
    @Inject(SHOP_MODULES) private readonly shop: ModuleDescription[],
  ) {}

  async view(): Promise<TopologyView> {
    const [modules, processes] = await Promise.all([
      this.timedReadiness().then((hosted) => Promise.all(this.shop.map((module) => this.moduleView(module, hosted)))),
      this.processes(),
    ]);
    const links = shopLinks(this.shop);
    const processOf = (name: ModuleName) => processes.findIndex((process) => process.modules.includes(name));
    const via = (link: { from: ModuleName; to: ModuleName }): Via => (processOf(link.from) === processOf(link.to) ? 'in-process' : this.config.transport);
    return {
      process: { modules: processes[0].modules, transport: this.config.transport },
      processes,
      modules,
      calls: links.calls.map((link) => ({ ...link, via: via(link) })),
      messages: links.messages.map((link) => ({ ...link, via: via(link) })),
      checkedAt: new Date().toISOString(),
    };
  }

  /** This process, those that answered, and those that did not, grouped as their modules were last seen. */
  private async processes(): Promise<ProcessView[]> {
    const { here, others, silent } = await this.reports.collect({ metrics: [] });
    return [
      { modules: here.modules, here: true, answering: true },
      ...others.map((report) => ({ modules: report.modules, here: false, answering: true })),
      ...silent.map((modules) => ({ modules, here: false, answering: false })),
    ];
  }

  private async moduleView(module: ModuleDescription, hosted: { checks: Record<string, string>; ms: number }): Promise<ModuleView> {
    const { name, port, methods, consumes } = module;
    const described = { name, port, methods, consumes };
    if (this.config.hosts(name)) {
      const state = hosted.checks[`${name}.database`] ?? 'down: not started';
      return { ...described, location: 'local', via: 'in-process', healthy: state === 'up', detail: state === 'up' ? undefined : state, checkMs: hosted.ms };
    }
    const remote = await this.dependencies.check(name, CHECK_TIMEOUT_MS);
    const healthy = remote.status === 'up';
    return { ...described, location: 'remote', via: this.config.transport, healthy, detail: healthy ? undefined : `down: ${remote.detail}`, checkMs: remote.roundTripMs, breaker: remote.breaker };
  }

  /** The readiness checks of the hosted modules, and how long they took together. */
  private async timedReadiness(): Promise<{ checks: Record<string, string>; ms: number }> {
    const started = performance.now();
    const report = await this.readiness.report(CHECK_TIMEOUT_MS).catch(() => undefined);
    return { checks: report?.checks ?? {}, ms: Math.round(performance.now() - started) };
  }
}
