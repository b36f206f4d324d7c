import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of processes from /proc (Linux), to split each request's cost between the server under
 * test, PostgreSQL and the load generator. Elsewhere every reading is null.
 */
const TICK_MS = (() => {
  try {
    return 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  } catch {
    return 10;
  }
})();

interface ProcStat {
  pid: number;
  ppid: number;
  cpuMs: number;
}

function readStat(pid: number | string): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid: Number(pid), ppid: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS };
  } catch {
    return null;
  }
}

/** User + system CPU milliseconds of one process (all its threads), or null. */
export function processCpuMs(pid: number): number | null {
  return readStat(pid)?.cpuMs ?? null;
}

/** The postmaster serving a data folder (the embedded server), or null. */
export function findPostmaster(dataDir: string): number | null {
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
        if (args[0]?.endsWith('/postgres') && args[args.indexOf('-D') + 1] === dataDir) return Number(entry);
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    // no /proc
  }
  return null;
}

/** CPU milliseconds of the postmaster and each live child (backends, background workers), by pid. */
export function postgresCpu(postmaster: number | null): Map<number, number> | null {
  if (postmaster === null) return null;
  const byPid = new Map<number, number>();
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readStat(entry);
      if (stat && (stat.pid === postmaster || stat.ppid === postmaster)) byPid.set(stat.pid, stat.cpuMs);
    }
  } catch {
    return null;
  }
  return byPid;
}

/**
 * PostgreSQL CPU spent between two snapshots: what each process still alive spent since the first
 * (or since it started). Processes that exited in between (an autovacuum worker) are left out.
 */
export function postgresCpuSpent(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after) return null;
  let spent = 0;
  for (const [pid, ms] of after) spent += ms - (before.get(pid) ?? 0);
  return spent;
}
