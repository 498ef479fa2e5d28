import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second, the unit of utime and stime in /proc/<pid>/stat. */
export const CLK_TCK: number = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU seconds a process has used so far (all its threads), or undefined if it is gone. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields are counted from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); utime is field 14, stime field 15.
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return undefined;
  }
}

export function sumCpuSeconds(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + (cpuSeconds(pid) ?? 0), 0);
}

function statusField(pid: number, field: string): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The peak resident set size of a process (VmHWM), in MiB. */
export function peakRssMb(pid: number): number | undefined {
  return statusField(pid, 'VmHWM');
}

export function rssMb(pid: number): number | undefined {
  return statusField(pid, 'VmRSS');
}

/** Pids of the processes whose command name (/proc/<pid>/comm) is one of `names`; read only. */
export function pidsByCommand(names: string[]): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (names.includes(readFileSync(`/proc/${entry}/comm`, 'utf8').trim())) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** A CPU meter over a fixed set of processes: start, then read the seconds used since. */
export class CpuMeter {
  private readonly start: Map<number, number>;
  private readonly startedAt = process.hrtime.bigint();

  constructor(private readonly pids: number[]) {
    this.start = new Map(pids.map((pid) => [pid, cpuSeconds(pid) ?? 0]));
  }

  /** CPU seconds used since the meter started, and the wall-clock seconds. */
  read(): { cpuSeconds: number; wallSeconds: number } {
    let cpu = 0;
    for (const pid of this.pids) {
      const now = cpuSeconds(pid);
      if (now !== undefined) cpu += now - (this.start.get(pid) ?? 0);
    }
    return { cpuSeconds: cpu, wallSeconds: Number(process.hrtime.bigint() - this.startedAt) / 1e9 };
  }
}

/** Busy CPU seconds of the whole machine so far (all cores), from /proc/stat. */
export function machineBusySeconds(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    return (user + nice + system + irq + softirq + (steal || 0)) / CLK_TCK;
  } catch {
    return NaN;
  }
}

/**
 * How busy the machine was with work that is not the measured servers, the servers outside them and the
 * bench itself: other people's builds and tests on a shared machine. In cores (1 = one core fully busy).
 */
export class OtherLoadMeter {
  private readonly machineStart = machineBusySeconds();
  private readonly selfStart = process.cpuUsage();
  private readonly started = process.hrtime.bigint();

  read(ownCpuSeconds: number): number {
    const machine = machineBusySeconds() - this.machineStart;
    const self = process.cpuUsage(this.selfStart);
    const bench = (self.user + self.system) / 1e6;
    const wall = Number(process.hrtime.bigint() - this.started) / 1e9;
    return Math.max(0, (machine - bench - ownCpuSeconds) / wall);
  }
}
