import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchConfig, DataSize } from './config';
import type { LoadResult } from './load/protocol';
import type { MachineInfo } from './machine';
import { ABLATIONS, READS, SCENARIOS } from './scenarios';
import type { ConsistencyReport } from './seed/checks';
import type { Target } from './servers/launch';

export const TARGET_NAMES: Record<Target, string> = { ours: 'ours', postgraphile: 'PostGraphile', limit: 'limit' };

/** One target on one scenario at one concurrency: every run, and the medians reported. */
export interface Measurement {
  scenario: string;
  target: Target;
  connections: number;
  runs: LoadResult[];
  /** Statements counted during each measured window (blurred a little by requests in flight at its end). */
  statements: (number | null)[];
  rps: number;
  p50: number;
  p99: number;
  /** Exact: counted over sequential requests of the same mix. */
  sqlPerRequest: number | null;
  /** Statements per completed request during the measured windows (median). */
  sqlPerRequestUnderLoad: number | null;
  errors: number;
  samples: string[];
  /** CPU milliseconds per request of each run: the server under test, PostgreSQL, the load generator. */
  cpu: CpuPerRequest[];
  /** Medians of `cpu`. */
  cpuPerRequest: CpuPerRequest;
}

export interface CpuPerRequest {
  server: number | null;
  postgres: number | null;
  load: number | null;
}

export interface DatasetInfo {
  size: DataSize;
  seed: number;
  reused: boolean;
  seedSeconds?: number;
  rows?: Record<string, number>;
  notes?: string[];
  checks: ConsistencyReport;
}

export interface TargetVerdict {
  target: string;
  met: boolean;
  detail: string;
}

export interface MainResults {
  kind: 'main';
  quick: boolean;
  startedAt: string;
  minutes: number;
  machine: MachineInfo;
  settings: Pick<BenchConfig, 'connections' | 'warmup' | 'duration' | 'runs' | 'poolSize' | 'serverNodeFlags'>;
  dataset: DatasetInfo;
  measurements: Measurement[];
  consistency: { after: string; report: ConsistencyReport }[];
  skipped: string[];
  verdicts: TargetVerdict[];
}

export interface ScalePoint {
  problems: number;
  dataset: DatasetInfo;
  measurements: Measurement[];
}

export interface ScaleResults {
  kind: 'scale';
  quick: boolean;
  startedAt: string;
  minutes: number;
  machine: MachineInfo;
  settings: Pick<BenchConfig, 'warmup' | 'duration' | 'runs' | 'poolSize' | 'serverNodeFlags'> & { connections: number };
  points: ScalePoint[];
  verdicts: TargetVerdict[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Medians of each metric over the runs; errors are summed (every run must have none). */
export function summarise(
  scenario: string,
  target: Target,
  connections: number,
  runs: LoadResult[],
  statements: (number | null)[],
  sqlPerRequest: number | null,
  cpu: CpuPerRequest[] = [],
): Measurement {
  const cpuMedian = (key: keyof CpuPerRequest) => {
    const values = cpu.map((c) => c[key]).filter((v): v is number => v !== null);
    return values.length ? median(values) : null;
  };
  const perRequest = runs
    .map((run, i) => (statements[i] === null || run.requests === 0 ? null : (statements[i] as number) / run.requests))
    .filter((v): v is number => v !== null);
  return {
    scenario,
    target,
    connections,
    runs,
    statements,
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    sqlPerRequest,
    sqlPerRequestUnderLoad: perRequest.length ? median(perRequest) : null,
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    samples: runs.flatMap((r) => r.samples).slice(0, 5),
    cpu,
    cpuPerRequest: { server: cpuMedian('server'), postgres: cpuMedian('postgres'), load: cpuMedian('load') },
  };
}

const fmt = {
  rps: (v: number) => Math.round(v).toLocaleString('en-GB'),
  ms: (v: number) => (v < 1 ? v.toFixed(2) : v < 10 ? v.toFixed(1) : Math.round(v).toString()),
  ratio: (v: number) => v.toFixed(2),
  cpu: (v: number | null) => (v === null ? 'n/a' : v.toFixed(3)),
  sql: (v: number | null) => (v === null ? 'n/a' : v.toFixed(Number.isInteger(v) ? 0 : 2)),
};

function find(ms: Measurement[], scenario: string, target: Target, connections: number): Measurement | undefined {
  return ms.find((m) => m.scenario === scenario && m.target === target && m.connections === connections);
}

export function evaluateMain(measurements: Measurement[], consistency: MainResults['consistency']): TargetVerdict[] {
  const verdicts: TargetVerdict[] = [];
  const ratios = READS.flatMap((op) => {
    const ours = find(measurements, op, 'ours', 50);
    const pg = find(measurements, op, 'postgraphile', 50);
    return ours && pg ? [{ op, ratio: ours.rps / pg.rps }] : [];
  });
  if (ratios.length) {
    const worst = Math.min(...ratios.map((r) => r.ratio));
    const list = ratios.map((r) => `${r.op} ${fmt.ratio(r.ratio)}`).join(', ');
    verdicts.push({ target: 'ours/PostGraphile ≥ 1.0 on every read at 50 connections', met: worst >= 1, detail: list });
    verdicts.push({ target: 'stretch: ours/PostGraphile ≥ 1.3', met: worst >= 1.3, detail: `lowest ${fmt.ratio(worst)}` });
  }
  for (const op of ['Q2', 'Q4']) {
    const ours = measurements.filter((m) => m.scenario === op && m.target === 'ours' && m.sqlPerRequest !== null);
    if (!ours.length) continue;
    const worst = Math.max(...ours.map((m) => m.sqlPerRequest as number));
    verdicts.push({ target: `${op}: at most 3 SQL statements per request`, met: worst <= 3, detail: `${fmt.sql(worst)} per request` });
  }
  const at10 = measurements.filter((m) => m.target === 'ours' && m.connections === 10);
  if (at10.length) {
    const over = at10.filter((m) => m.p99 > 50);
    verdicts.push({
      target: 'ours: p99 ≤ 50 ms at 10 connections',
      met: over.length === 0,
      detail: over.length
        ? `over: ${over.map((m) => `${m.scenario} ${fmt.ms(m.p99)} ms`).join(', ')}`
        : `highest ${fmt.ms(Math.max(...at10.map((m) => m.p99)))} ms`,
    });
  }
  const errors = measurements.reduce((sum, m) => sum + m.errors, 0);
  verdicts.push({ target: 'no errors (every response body checked)', met: errors === 0, detail: `${errors} errors` });
  const votes = consistency.filter((c) => c.report.voteCounterMismatches !== null);
  if (votes.length) {
    const bad = votes.filter(
      (c) =>
        c.report.voteCounterMismatches !== 0 ||
        c.report.scoreMismatches !== 0 ||
        c.report.supportCountMismatches !== 0 ||
        (c.report.solutionCountMismatches ?? 0) !== 0,
    );
    verdicts.push({
      target: 'after M1: vote counters equal the vote rows exactly',
      met: bad.length === 0,
      detail: votes
        .map((c) => `${c.after}: ${c.report.voteCounterMismatches} counter, ${c.report.scoreMismatches} score mismatches over ${c.report.votes} votes`)
        .join('; '),
    });
  }
  const pledges = consistency.filter((c) => c.report.pledgeTotalMismatches !== null && c.after === 'M3');
  if (pledges.length) {
    verdicts.push({
      target: 'after M3: pledge totals and matches equal the pledge rows exactly',
      met: pledges.every((c) => c.report.pledgeTotalMismatches === 0),
      detail: pledges.map((c) => `${c.after}: ${c.report.pledgeTotalMismatches} mismatches over ${c.report.pledges} pledges`).join('; '),
    });
  }
  return verdicts;
}

function verdictTable(verdicts: TargetVerdict[]): string {
  return ['| Target | Met | Measured |', '| --- | --- | --- |', ...verdicts.map((v) => `| ${v.target} | ${v.met ? 'yes' : '**no**'} | ${v.detail} |`)].join(
    '\n',
  );
}

function machineLines(machine: MachineInfo): string[] {
  const v = machine.versions;
  return [
    `Machine: ${machine.cores} × ${machine.cpu}, ${machine.memoryGiB} GiB RAM, ${machine.os}; Node.js ${machine.node}, PostgreSQL ${machine.postgres}.`,
    `Commit ${machine.commit}${machine.uncommittedChanges ? ` (+${machine.uncommittedChanges} uncommitted files in the working tree)` : ''}; ` +
      `@nestjs/core ${v['@nestjs/core']}, @apollo/server ${v['@apollo/server']}, graphql ${v.graphql}, typeorm ${v.typeorm}, pg ${v.pg}, ` +
      `postgraphile ${v.postgraphile}, autocannon ${v.autocannon}.`,
  ];
}

/** The main results table: one row per scenario and concurrency, the three targets side by side. */
export function mainTable(results: MainResults): string {
  const rows = [
    '| Scenario | Conns | ours req/s | p50 | p99 | PostGraphile req/s | p50 | p99 | limit req/s | p50 | p99 | ours/PG | ours/limit | SQL/req ours · PG · limit | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
  ];
  for (const scenario of SCENARIOS) {
    for (const connections of results.settings.connections) {
      const ms = (['ours', 'postgraphile', 'limit'] as Target[]).map((t) => find(results.measurements, scenario.name, t, connections));
      if (!ms.some(Boolean)) continue;
      const [ours, pg, limit] = ms;
      const cells = (m?: Measurement) => (m ? [fmt.rps(m.rps), fmt.ms(m.p50), fmt.ms(m.p99)] : ['–', '–', '–']);
      const ratio = (a?: Measurement, b?: Measurement) => (a && b ? fmt.ratio(a.rps / b.rps) : '–');
      const sql = ms.map((m) => (m ? fmt.sql(m.sqlPerRequest) : '–')).join(' · ');
      const errors = ms.reduce((sum, m) => sum + (m?.errors ?? 0), 0);
      rows.push(
        `| ${scenario.name} | ${connections} | ${[...cells(ours), ...cells(pg), ...cells(limit)].join(' | ')} | ${ratio(ours, pg)} | ${ratio(ours, limit)} | ${sql} | ${errors} |`,
      );
    }
  }
  return rows.join('\n');
}

/** Where each request's CPU goes: the server process, PostgreSQL (all its processes), the load generator. */
export function cpuTable(measurements: Measurement[], connections: number[]): string {
  const rows = [
    '| Scenario | Conns | ours: server · PostgreSQL · load | PostGraphile: server · PostgreSQL · load | limit: server · PostgreSQL · load |',
    '| --- | ---: | --- | --- | --- |',
  ];
  const ms = fmt.cpu;
  for (const scenario of SCENARIOS) {
    for (const c of connections) {
      const cells = (['ours', 'postgraphile', 'limit'] as Target[]).map((t) => {
        const m = find(measurements, scenario.name, t, c);
        return m ? `${ms(m.cpuPerRequest.server)} · ${ms(m.cpuPerRequest.postgres)} · ${ms(m.cpuPerRequest.load)}` : '–';
      });
      if (cells.some((cell) => cell !== '–')) rows.push(`| ${scenario.name} | ${c} | ${cells.join(' | ')} |`);
    }
  }
  return rows.join('\n');
}

export function mainMarkdown(results: MainResults): string {
  const s = results.settings;
  const d = results.dataset;
  const lines = [
    `# Benchmark results${results.quick ? ' (quick mode: a smoke run, not a measurement)' : ''}`,
    '',
    `Run ${results.startedAt}, ${results.minutes.toFixed(1)} minutes. ` +
      `Data set: ${d.size.problems.toLocaleString('en-GB')} problems, ${d.size.users.toLocaleString('en-GB')} users, ` +
      `${d.size.solutions.toLocaleString('en-GB')} solutions, ${d.size.votes.toLocaleString('en-GB')} votes, ${d.size.areas} areas (seed ${d.seed}` +
      `${d.reused ? ', reused' : `, seeded in ${d.seedSeconds?.toFixed(0)} s`}).`,
    `Load: ${s.warmup} s warm-up, then the median of ${s.runs} × ${s.duration} s windows per cell; ${s.poolSize} PostgreSQL connections per server` +
      `${s.serverNodeFlags.length ? `; server Node.js flags \`${s.serverNodeFlags.join(' ')}\`` : ''}. Latencies in ms.`,
    ...machineLines(results.machine),
    '',
    mainTable(results),
    '',
    '## CPU per request (ms, median run)',
    '',
    'On a 2-core machine the server, PostgreSQL and the load generator share the CPU: what one spends, the others cannot.',
    '',
    cpuTable(results.measurements, results.settings.connections),
    '',
    '## Targets',
    '',
    verdictTable(results.verdicts),
  ];
  if (results.consistency.length) {
    lines.push(
      '',
      '## Counters after the write scenarios',
      '',
      '| After | problems | support_count mismatches | solutions | solution_count mismatches | votes | vote counter mismatches | score mismatches | pledges | pledge total mismatches |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const c of results.consistency) {
      const r = c.report;
      lines.push(
        `| ${c.after} | ${r.problems} | ${r.supportCountMismatches} | ${r.solutions ?? '–'} | ${r.solutionCountMismatches ?? '–'} | ${r.votes ?? '–'} | ${r.voteCounterMismatches ?? '–'} | ${r.scoreMismatches ?? '–'} | ${r.pledges ?? '–'} | ${r.pledgeTotalMismatches ?? '–'} |`,
      );
    }
  }
  const failures = results.measurements.filter((m) => m.errors > 0);
  if (failures.length || results.skipped.length) {
    lines.push('', '## Errors and skipped cells', '');
    for (const skipped of results.skipped) lines.push(`- ${skipped}`);
    for (const m of failures)
      lines.push(
        `- ${m.scenario} ${TARGET_NAMES[m.target]} at ${m.connections}: ${m.errors} errors, e.g. ${m.samples.map((s) => `\`${s.slice(0, 200)}\``).join('; ')}`,
      );
  }
  if (d.notes?.length) lines.push('', ...d.notes.map((note) => `Note: ${note}.`));
  return `${lines.join('\n')}\n`;
}

export function evaluateScale(points: ScalePoint[]): TargetVerdict[] {
  if (points.length < 2) return [];
  const first = points[0];
  const last = points[points.length - 1];
  return ['Q1', 'Q3', 'Q5'].flatMap((op) => {
    const a = first.measurements.find((m) => m.scenario === op && m.target === 'ours');
    const b = last.measurements.find((m) => m.scenario === op && m.target === 'ours');
    if (!a || !b) return [];
    const growth = b.p50 / a.p50;
    return [
      {
        target: `${op}: p50 at ${last.problems.toLocaleString('en-GB')} ≤ 1.5 × p50 at ${first.problems.toLocaleString('en-GB')}`,
        met: growth <= 1.5,
        detail: `${fmt.ms(a.p50)} → ${fmt.ms(b.p50)} ms (× ${fmt.ratio(growth)})`,
      },
    ];
  });
}

export function scaleTable(results: ScaleResults): string {
  const sizes = results.points.map((p) => p.problems);
  const header = `| Scenario | Target | ${sizes.map((n) => `p50 @ ${n.toLocaleString('en-GB')}`).join(' | ')} | ${sizes.map((n) => `req/s @ ${n.toLocaleString('en-GB')}`).join(' | ')} | p50 growth |`;
  const rows = [header, `| --- | --- | ${sizes.map(() => '---:').join(' | ')} | ${sizes.map(() => '---:').join(' | ')} | ---: |`];
  for (const op of ['Q1', 'Q3', 'Q5']) {
    for (const target of ['ours', 'limit'] as Target[]) {
      const ms = results.points.map((p) => p.measurements.find((m) => m.scenario === op && m.target === target));
      if (!ms.some(Boolean)) continue;
      const first = ms[0];
      const last = ms[ms.length - 1];
      const growth = first && last ? `× ${fmt.ratio(last.p50 / first.p50)}` : '–';
      rows.push(
        `| ${op} | ${TARGET_NAMES[target]} | ${ms.map((m) => (m ? fmt.ms(m.p50) : '–')).join(' | ')} | ${ms.map((m) => (m ? fmt.rps(m.rps) : '–')).join(' | ')} | ${growth} |`,
      );
    }
  }
  return rows.join('\n');
}

export function scaleMarkdown(results: ScaleResults): string {
  const s = results.settings;
  return `${[
    `# Scale curve${results.quick ? ' (quick mode: a smoke run, not a measurement)' : ''}`,
    '',
    `Run ${results.startedAt}, ${results.minutes.toFixed(1)} minutes. Q1, Q3 and Q5 at ${s.connections} connections on data sets of ` +
      `${results.points.map((p) => p.problems.toLocaleString('en-GB')).join(', ')} problems (users, areas as in the main run; solutions = problems / 5; no votes: these reads do not touch them). ` +
      `${s.warmup} s warm-up, median of ${s.runs} × ${s.duration} s. Latencies in ms.`,
    ...machineLines(results.machine),
    '',
    scaleTable(results),
    '',
    '## Targets',
    '',
    verdictTable(results.verdicts),
  ].join('\n')}\n`;
}

export function writeResults(dir: string, name: string, json: unknown, markdown: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(dir, `${name}.md`), markdown);
}

export interface AblationResults {
  kind: 'ablation';
  startedAt: string;
  minutes: number;
  machine: MachineInfo;
  settings: MainResults['settings'];
  dataset: DatasetInfo;
  measurements: Measurement[];
}

export function ablationMarkdown(results: AblationResults): string {
  const s = results.settings;
  const rows = [
    '| Variant | What is asked | Target | Conns | req/s | p50 | p99 | SQL/req | CPU ms/req: server · PostgreSQL | req/s vs the full scenario |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
  ];
  for (const ablation of ABLATIONS) {
    const base = ablation.name.split('-')[0];
    for (const m of results.measurements.filter((x) => x.scenario === ablation.name)) {
      const full = base !== ablation.name ? find(results.measurements, base, m.target, m.connections) : undefined;
      rows.push(
        `| ${ablation.name} | ${ablation.title} | ${TARGET_NAMES[m.target]} | ${m.connections} | ${fmt.rps(m.rps)} | ${fmt.ms(m.p50)} | ${fmt.ms(m.p99)} | ${fmt.sql(m.sqlPerRequest)} | ${fmt.cpu(m.cpuPerRequest.server)} · ${fmt.cpu(m.cpuPerRequest.postgres)} | ${full ? `× ${fmt.ratio(m.rps / full.rps)}` : ''} |`,
      );
    }
  }
  const errors = results.measurements.reduce((sum, m) => sum + m.errors, 0);
  return `${[
    '# Ablations: what each part of a read costs our API',
    '',
    `Run ${results.startedAt}, ${results.minutes.toFixed(1)} minutes, on the main data set (${results.dataset.size.problems.toLocaleString('en-GB')} problems). ` +
      `${s.warmup} s warm-up, median of ${s.runs} × ${s.duration} s; ${s.poolSize} PostgreSQL connections. ${errors} errors. Latencies in ms.`,
    ...machineLines(results.machine),
    '',
    rows.join('\n'),
  ].join('\n')}\n`;
}
