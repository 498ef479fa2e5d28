import { BenchReport, TopologyResult, WorkloadName, WorkloadSummary } from './model';
import type { OverloadResult } from './overload';

const fmt = (value: number | undefined, digits = 1): string => (value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits));
const ms = (value: number | undefined): string => (value === undefined || !Number.isFinite(value) ? '–' : value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0));
const trio = (a?: number, b?: number, c?: number): string => `${ms(a)} / ${ms(b)} / ${ms(c)}`;
const rate = (value: number | undefined): string => (value === undefined || !Number.isFinite(value) ? '–' : value >= 100 ? value.toFixed(0) : value.toFixed(1));

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

function status(t: TopologyResult): string | undefined {
  if (t.skipped) return `skipped: ${t.skipped}`;
  if (t.failed) return `failed: ${t.failed.split('\n')[0]}`;
  return undefined;
}

/** The one table the README shows: a row per topology. */
export function mainTable(report: BenchReport): string {
  const rows = report.topologies.map((t) => {
    const gone = status(t);
    if (gone) return [t.label, gone, '', '', '', '', '', '', '', ''];
    const o = t.workloads.overview;
    const s = t.workloads.saga;
    const m = t.workloads.mix;
    return [
      t.label,
      rate(o?.perSecond),
      trio(o?.p50, o?.p95, o?.p99),
      fmt(o?.cpuPer1k, 3),
      rate(s?.perSecond),
      trio(s?.p50, s?.p95, s?.p99),
      trio(s?.eventPath?.p50, s?.eventPath?.p95, s?.eventPath?.p99),
      rate(m?.perSecond),
      trio(m?.p50, m?.p95, m?.p99),
      fmt(t.peakMemoryMb, 0),
    ];
  });
  return table(
    [
      'topology',
      'overview req/s',
      'overview p50 / p95 / p99 ms',
      'overview CPU s per 1k req',
      'saga orders/s',
      'saga end-to-end p50 / p95 / p99 ms',
      'placed→confirmed p50 / p95 / p99 ms',
      'mix req/s',
      'mix p50 / p95 / p99 ms',
      'peak memory MiB (sum)',
    ],
    rows,
  );
}

function workloadRows(report: BenchReport, name: WorkloadName): string[][] {
  return report.topologies
    .filter((t) => !status(t) && t.workloads[name])
    .map((t) => {
      const w = t.workloads[name] as WorkloadSummary;
      return [
        t.label,
        rate(w.perSecond),
        ms(w.p50),
        ms(w.p95),
        ms(w.p99),
        fmt(w.cpuPer1k, 3),
        t.externalCpu === 'none' ? '–' : `${fmt(w.externalCpuPer1k, 3)} (${t.externalCpu})`,
        String(w.errors),
        String(w.runs.length),
        fmt(w.otherLoadCores, 2),
      ];
    });
}

function microTable(report: BenchReport): string {
  const micro = report.micro;
  if (!micro) return '_not run_';
  const rows: string[][] = [];
  for (const run of micro.runs) {
    const where = run.mode === 'in-process' ? 'in process' : `over ${run.transport}`;
    if (run.skipped || run.failed) {
      rows.push([where, run.skipped ? `skipped: ${run.skipped}` : `failed: ${run.failed?.split('\n')[0]}`, '', '', '', '']);
      continue;
    }
    const describe: Record<string, string> = {
      repository: 'direct: CustomersRepository.findActive + toCustomerDto',
      handler: 'direct: GetCustomerHandler.execute',
      port: run.mode === 'in-process' ? 'CustomersPort.get (LocalCustomersPort → QueryBus)' : 'CustomersPort.get (remote proxy)',
      ping: 'bare round trip (ping, no database work)',
    };
    for (const [name, v] of Object.entries(run.variants)) rows.push([where, describe[name] ?? name, fmt(v.p50Us, 0), fmt(v.p95Us, 0), fmt(v.p99Us, 0), fmt(v.callsPerSecond, 0)]);
  }
  return table(['where', 'call', 'p50 µs', 'p95 µs', 'p99 µs', 'calls/s (one at a time)'], rows);
}

function ceilingTable(report: BenchReport): string {
  const c = report.ceiling;
  if (!c) return '_not run_';
  if (c.skipped) return `_skipped: ${c.skipped}_`;
  if (c.failed) return `_failed: ${c.failed}_`;
  const row = (label: string, w: WorkloadSummary | undefined, peakMemoryMb: number | undefined) =>
    w
      ? [label, rate(w.perSecond), ms(w.p50), ms(w.p95), ms(w.p99), fmt(w.cpuPer1k, 3), fmt(w.externalCpuPer1k, 3), fmt(peakMemoryMb ?? NaN, 0), String(w.errors), fmt(w.otherLoadCores, 2)]
      : [label, '–', '', '', '', '', '', '', '', ''];
  const overview = table(
    ['server', 'overview req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'CPU s per 1k req (server process)', 'CPU s per 1k req (PostgreSQL backends)', 'peak memory MiB', 'errors', 'other load, cores'],
    [row('bare node:http + pg (the ceiling)', c.baseline, c.baseline?.peakMemoryMb), row('the app, monolith', c.monolith, c.monolithPeakMemoryMb)],
  );
  const saga = table(
    ['server', 'orders confirmed/s', 'p50 ms (placed → seen confirmed)', 'p95 ms', 'p99 ms', 'CPU s per 1k orders (server process)', 'CPU s per 1k orders (PostgreSQL backends)', 'peak memory MiB', 'errors', 'other load, cores'],
    [row('bare node:http + pg saga (the ceiling)', c.baselineSaga, undefined), row('the app, monolith', c.monolithSaga, c.monolithPeakMemoryMb)],
  );
  const a = c.accountScale;
  const account = a
    ? table(
        ['account', 'capture p50 ms (placed → confirmed, one at a time)', 'capture p95 ms', 'balance read p50 ms', 'balance read p95 ms'],
        [
          ['fresh', ms(a.capture.fresh.p50), ms(a.capture.fresh.p95), ms(a.balanceRead.fresh.p50), ms(a.balanceRead.fresh.p95)],
          [`${a.events.toLocaleString('en')} events`, ms(a.capture.long.p50), ms(a.capture.long.p95), ms(a.balanceRead.long.p50), ms(a.balanceRead.long.p95)],
        ],
      )
    : '';
  const d = c.deposits;
  return [
    overview,
    '',
    saga,
    ...(account ? ['', account] : []),
    ...(d ? ['', `Deposits from 8 writers on one account: ${rate(d.perSecond)}/s, p50 ${ms(d.p50)} ms, p99 ${ms(d.p99)} ms, ${d.errors} errors.`] : []),
  ].join('\n');
}

/** The overload scenario: each run with the bound off and on, and the machine's load average during it. */
function overloadSection(o: OverloadResult): string[] {
  const head = `## Overload: ${o.topology}, ${o.seconds} s at twice the sustainable rate, open loop (sustainable: ${fmt(o.sustainablePerSecond, 1)} orders/s confirmed, closed loop)`;
  if (o.failed) return [head, '', `_failed: ${o.failed}_`];
  const rows = o.runs.map((r) => [
    r.boundMs ? `BACKLOG_MAX_AGE_MS=${r.boundMs}` : 'bound off',
    fmt(r.offeredPerSecond, 1),
    `${r.accepted} / ${r.shed} / ${r.failed} of ${r.sent}`,
    `${ms(r.placedToSettled.p50)} / ${ms(r.placedToSettled.p95)} / ${ms(r.placedToSettled.p99)}`,
    String(r.unsettled),
    `${fmt(r.loadAverage.before, 2)} → ${fmt(r.loadAverage.after, 2)}`,
  ]);
  return [
    head,
    '',
    table(['run', 'offered orders/s', 'accepted / shed (503 OVERLOADED) / failed', 'placed → settled p50 / p95 / p99 ms (accepted orders)', 'not settled', 'load average (1 min), start → end'], rows),
  ];
}

function targetsTable(report: BenchReport): string {
  return table(
    ['target', 'measured', 'limit', 'holds', 'margin'],
    report.targets.map((t) => [t.target, t.measured, t.limit, t.holds === undefined ? 'not measured' : t.holds ? 'yes' : '**no**', t.margin]),
  );
}

export function markdown(report: BenchReport, chartFile: string): string {
  const m = report.machine;
  const lines: string[] = [];
  lines.push(`# Benchmark ${report.startedAt.slice(0, 10)} on ${m.host}${report.mode === 'quick' ? ' (quick)' : ''}`);
  lines.push('');
  lines.push(
    `${m.cpus}× ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}; Node.js ${m.node}. App ${report.versions.app} (${report.versions.git}). ` +
      `Database: ${report.database}. ${report.settings.repetitions} measured run(s) of ${report.settings.durationSeconds} s per workload after ${report.settings.warmupSeconds} s of warm-up; ` +
      `medians of the runs. Wall time ${Math.round(report.wallSeconds)} s.`,
  );
  lines.push('');
  const loads = [...report.topologies.flatMap((t) => Object.values(t.workloads)), report.ceiling?.monolith, report.ceiling?.baseline, report.ceiling?.monolithSaga, report.ceiling?.baselineSaga].filter((w): w is WorkloadSummary => !!w).map((w) => w.otherLoadCores);
  const worst = Math.max(0, ...loads.filter(Number.isFinite));
  if (worst >= 0.25) {
    lines.push(
      `> Some runs shared the machine with other work (up to ${worst.toFixed(2)} cores busy with something else; see "other load"): their throughput and latency are worse than on a quiet machine. CPU per request is much less affected.`,
    );
    lines.push('');
  }
  lines.push('## Targets');
  lines.push('');
  lines.push(targetsTable(report));
  lines.push('');
  for (const t of report.targets.filter((t) => t.why)) lines.push(`- **${t.target}**: ${t.why}`);
  lines.push('');
  if (report.overload) lines.push(...overloadSection(report.overload), '');
  lines.push('## Per topology');
  lines.push('');
  lines.push(mainTable(report));
  lines.push('');
  lines.push(`![chart](${chartFile})`);
  lines.push('');
  const workloadHeader = ['topology', 'ops/s', 'p50 ms', 'p95 ms', 'p99 ms', 'CPU s per 1k (processes)', 'CPU s per 1k (outside: broker / db)', 'errors', 'runs', 'other load, cores'];
  lines.push('### Overview: GET /api/v1/customers/{id}/overview');
  lines.push('');
  lines.push(table(workloadHeader, workloadRows(report, 'overview')));
  lines.push('');
  lines.push('### Saga: POST /api/v1/orders, then GET until CONFIRMED (ops = confirmed orders; latency = POST sent → confirmed)');
  lines.push('');
  lines.push(table(workloadHeader, workloadRows(report, 'saga')));
  lines.push('');
  lines.push('### Mix: per connection 8 overviews, 1 order placed, 1 order read');
  lines.push('');
  lines.push(table(workloadHeader, workloadRows(report, 'mix')));
  lines.push('');
  lines.push('### Event path: placed → confirmed (the order\'s updatedAt − createdAt, set by the server)');
  lines.push('');
  lines.push(
    table(
      ['topology', 'under the saga load p50 / p95 / p99 ms', 'under the mix p50 / p95 / p99 ms', 'one order at a time p50 / p95 / p99 ms', 'one at a time, end to end p50 ms'],
      report.topologies
        .filter((t) => !status(t))
        .map((t) => [
          t.label,
          trio(t.workloads.saga?.eventPath?.p50, t.workloads.saga?.eventPath?.p95, t.workloads.saga?.eventPath?.p99),
          trio(t.workloads.mix?.eventPath?.p50, t.workloads.mix?.eventPath?.p95, t.workloads.mix?.eventPath?.p99),
          trio(t.idle?.eventPath.p50, t.idle?.eventPath.p95, t.idle?.eventPath.p99),
          ms(t.idle?.endToEnd.p50),
        ]),
    ),
  );
  lines.push('');
  lines.push('### Memory: peak resident set (VmHWM) per process, MiB');
  lines.push('');
  lines.push(
    table(
      ['topology', 'processes', 'sum'],
      report.topologies.filter((t) => !status(t)).map((t) => [t.label, t.processes.map((p) => `${p.modules.join('+')}: ${fmt(p.peakRssMb, 0)}`).join(', '), fmt(t.peakMemoryMb, 0)]),
    ),
  );
  lines.push('');
  lines.push(`## The ceiling: a bare handler doing the overview's database work (${report.ceiling?.database ?? '–'})`);
  lines.push('');
  lines.push(ceilingTable(report));
  lines.push('');
  lines.push(`## Boundary micro-benchmark: one cross-module call, CustomersPort.get(id) (${report.micro?.database ?? '–'})`);
  lines.push('');
  lines.push(microTable(report));
  lines.push('');
  lines.push('## Method');
  lines.push('');
  for (const note of report.notes) lines.push(`- ${note}`);
  lines.push('');
  lines.push('## Versions and settings');
  lines.push('');
  lines.push(table(['', ''], [...Object.entries(report.versions), ...Object.entries(report.settings).map(([k, v]) => [k, String(v)] as [string, string])].map(([k, v]) => [k, String(v)])));
  lines.push('');
  return lines.join('\n');
}

/** The console: the targets and the per-topology table. */
export function consoleSummary(report: BenchReport): string {
  return [
    '',
    mainTable(report),
    '',
    'Ceiling (bare handler vs the monolith, same PostgreSQL):',
    ceilingTable(report),
    '',
    'Boundary micro-benchmark:',
    microTable(report),
    '',
    'Targets:',
    targetsTable(report),
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------- chart

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Bar {
  label: string;
  value: number;
  note?: string;
  highlight?: boolean;
}

function panel(x: number, y: number, width: number, title: string, bars: Bar[], unit: string): { svg: string; height: number } {
  const rowHeight = 22;
  const labelWidth = 190;
  const max = Math.max(...bars.map((b) => (Number.isFinite(b.value) ? b.value : 0)), 1e-9);
  const plotWidth = width - labelWidth - 90;
  const parts = [`<text x="${x}" y="${y + 14}" class="title">${esc(title)}</text>`];
  bars.forEach((bar, i) => {
    const top = y + 24 + i * rowHeight;
    const w = Number.isFinite(bar.value) ? Math.max(1, (bar.value / max) * plotWidth) : 0;
    parts.push(`<text x="${x + labelWidth - 6}" y="${top + 14}" class="label" text-anchor="end">${esc(bar.label)}</text>`);
    parts.push(`<rect x="${x + labelWidth}" y="${top + 3}" width="${w.toFixed(1)}" height="${rowHeight - 7}" class="${bar.highlight ? 'bar2' : 'bar'}"/>`);
    const text = Number.isFinite(bar.value) ? `${bar.value >= 100 ? bar.value.toFixed(0) : bar.value.toFixed(bar.value >= 10 ? 1 : 2)} ${unit}${bar.note ? ` ${bar.note}` : ''}` : 'n/a';
    parts.push(`<text x="${x + labelWidth + w + 5}" y="${top + 14}" class="value">${esc(text)}</text>`);
  });
  return { svg: parts.join('\n'), height: 24 + bars.length * rowHeight + 18 };
}

export function chart(report: BenchReport): string {
  const live = report.topologies.filter((t) => !status(t));
  const width = 640;
  const panels: Array<[string, Bar[], string]> = [
    ['Overview: requests per second (higher is better)', live.map((t) => ({ label: t.label, value: t.workloads.overview?.perSecond ?? NaN })), 'req/s'],
    ['Overview: p50 latency (lower is better)', live.map((t) => ({ label: t.label, value: t.workloads.overview?.p50 ?? NaN })), 'ms'],
    ['Saga: confirmed orders per second', live.map((t) => ({ label: t.label, value: t.workloads.saga?.perSecond ?? NaN })), '/s'],
    ['Placed → confirmed p50 under the saga load', live.map((t) => ({ label: t.label, value: t.workloads.saga?.eventPath?.p50 ?? NaN })), 'ms'],
    ['Overview: CPU seconds per 1,000 requests (all processes)', live.map((t) => ({ label: t.label, value: t.workloads.overview?.cpuPer1k ?? NaN })), 's'],
    ['Peak memory, summed over the processes', live.map((t) => ({ label: t.label, value: t.peakMemoryMb })), 'MiB'],
  ];
  if (report.ceiling?.baseline && report.ceiling.monolith) {
    panels.push([
      'Overview on PostgreSQL: the app against the bare-handler ceiling',
      [
        { label: 'bare node:http + pg', value: report.ceiling.baseline.perSecond, highlight: true },
        { label: 'monolith (Nest app)', value: report.ceiling.monolith.perSecond },
      ],
      'req/s',
    ]);
  }
  let y = 40;
  const body: string[] = [];
  for (const [title, bars, unit] of panels) {
    const p = panel(20, y, width - 40, title, bars, unit);
    body.push(p.svg);
    y += p.height;
  }
  const title = `What extraction costs — ${report.machine.host}, ${report.startedAt.slice(0, 10)}${report.mode === 'quick' ? ' (quick)' : ''}, ${report.database.split(' (')[0]}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 10}" viewBox="0 0 ${width} ${y + 10}" font-family="Helvetica, Arial, sans-serif">
<style>
  .title { font-size: 13px; font-weight: bold; fill: #222; }
  .label { font-size: 12px; fill: #333; }
  .value { font-size: 11px; fill: #555; }
  .bar { fill: #4a78b5; }
  .bar2 { fill: #c0803a; }
  .head { font-size: 15px; font-weight: bold; fill: #111; }
</style>
<rect width="100%" height="100%" fill="#fff"/>
<text x="20" y="24" class="head">${esc(title)}</text>
${body.join('\n')}
</svg>
`;
}
