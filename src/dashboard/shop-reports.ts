import { Injectable } from '@nestjs/common';
import { ModuleName } from '../module-kit/config/module-name';
import { ProcessReport, ProcessReporter, ProcessReportRequest } from '../platform/observability/process-report';
import { ModuleClients } from '../platform/transport/module-clients';

/** A page polls: a process that does not answer within this is shown as silent rather than holding the page up. */
const ASK_TIMEOUT_MS = 1000;

/** The reports of every process of the shop that answered, this one first, and the modules of those that did not. */
export interface ShopReport {
  here: ProcessReport;
  others: ProcessReport[];
  /** The modules that did not answer, grouped by the process they were last seen in (alone while never seen). */
  silent: ModuleName[][];
}

/**
 * Asks every process of the shop for its report (see ProcessReporter): this one directly, the others over the
 * transport, as the spans of a trace are gathered.
 */
@Injectable()
export class ShopReports {
  /** The modules each module was last seen running with, so that a process that stops answering is still drawn whole. */
  private readonly lastSeenWith = new Map<ModuleName, ModuleName[]>();

  constructor(
    private readonly reporter: ProcessReporter,
    private readonly clients: ModuleClients,
  ) {}

  async collect(request: ProcessReportRequest): Promise<ShopReport> {
    const [here, { answers, unanswered }] = await Promise.all([
      this.reporter.report(request),
      this.clients.askEachProcess((client) => client.report(request, ASK_TIMEOUT_MS)),
    ]);
    for (const report of answers) for (const module of report.modules) this.lastSeenWith.set(module, report.modules);
    return { here, others: answers, silent: this.groupAsLastSeen(unanswered) };
  }

  private groupAsLastSeen(modules: ModuleName[]): ModuleName[][] {
    const groups: ModuleName[][] = [];
    for (const module of modules) {
      if (groups.some((group) => group.includes(module))) continue;
      groups.push((this.lastSeenWith.get(module) ?? [module]).filter((other) => modules.includes(other)));
    }
    return groups;
  }
}
