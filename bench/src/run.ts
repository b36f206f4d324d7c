import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchConfig, BenchConfigError, DataSize, loadBenchConfig } from './config';
import { BenchDatabaseServer, cloneDatabase, dropDatabase, openBenchServer, SeededDatabase, seededDatabase, withClient } from './database';
import { LoadWorker } from './load/protocol';
import { machineInfo } from './machine';
import { analyseProfile } from './profile';
import { findPostmaster, postgresCpu, postgresCpuSpent, processCpuMs } from './cpu';
import {
  ablationMarkdown,
  CpuPerRequest,
  AblationResults,
  DatasetInfo,
  evaluateMain,
  evaluateScale,
  MainResults,
  mainMarkdown,
  Measurement,
  ScalePoint,
  ScaleResults,
  scaleMarkdown,
  summarise,
  TARGET_NAMES,
  writeResults,
} from './results';
import { buildFixtures } from './fixtures';
import {
  Ablation,
  ABLATIONS,
  checkAnswer,
  checkLoosely,
  draw,
  Draw,
  findScenario,
  Fixtures,
  Operation,
  PATHS,
  requestBody,
  ScenarioInfo,
  SCENARIOS,
  serves,
} from './scenarios';
import { Random, WeightedPicker } from './random';
import { checkConsistency, ConsistencyReport } from './seed/checks';
import { launchServer, RunningServer, Target } from './servers/launch';
import { installPostGraphileFunctions } from './servers/postgraphile-schema';
import { StatementCounter } from './statements';
import { BENCH_JWT_SECRET } from './tokens';

const ALL_TARGETS: Target[] = ['ours', 'postgraphile', 'limit'];
const RUN_DATABASE = 'bench_run';

const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

/** A run seed per scenario, concurrency and run: every target gets the same request sequence. */
function runSeed(base: number, ...parts: (string | number)[]): number {
  return Random.stream(base, parts.join('/')).int(2 ** 31);
}

function datasetInfo(seeded: SeededDatabase, size: DataSize, seed: number): DatasetInfo {
  return { size, seed, reused: seeded.reused, seedSeconds: seeded.seed?.seconds, rows: seeded.seed?.rows, notes: seeded.seed?.notes, checks: seeded.checks };
}

/** Everything started for a run, stopped in reverse order whatever happens (once, however often asked). */
class Resources {
  private readonly stops: (() => Promise<unknown>)[] = [];
  private releasing?: Promise<void>;

  add(stop: () => Promise<unknown>): void {
    this.stops.push(stop);
  }

  release(): Promise<void> {
    this.releasing ??= (async () => {
      for (const stop of [...this.stops].reverse()) {
        await stop().catch((error: unknown) => log(`cleanup: ${error instanceof Error ? error.message : String(error)}`));
      }
    })();
    return this.releasing;
  }
}

interface Harness {
  servers: Map<Target, RunningServer>;
  /** The embedded PostgreSQL's postmaster, for CPU accounting (null with BENCH_DATABASE_URL). */
  postmaster: number | null;
  worker: LoadWorker;
  counter: StatementCounter;
  fixtures: Fixtures;
  /** (target, operation) pairs whose answers failed the smoke check; not measured. */
  broken: Map<string, string>;
}

/** Fixtures, servers under test, the statement counter and the load generator on one database. */
async function startHarness(
  config: BenchConfig,
  database: BenchDatabaseServer,
  url: string,
  targets: Target[],
  resources: Resources,
  nodeFlags: Partial<Record<Target, string[]>> = {},
): Promise<Harness> {
  if (targets.includes('postgraphile')) await withClient(url, (client) => installPostGraphileFunctions(client));
  const counter = await StatementCounter.open(url);
  resources.add(() => counter.close());
  if (!counter.available) log(counter.reason ?? 'no statement counts');
  const fixtures = await buildFixtures(url, config.seed);
  const dir = mkdtempSync(join(tmpdir(), 'common-ground-bench-'));
  resources.add(async () => rmSync(dir, { recursive: true, force: true }));
  const fixturesPath = join(dir, 'fixtures.json');
  writeFileSync(fixturesPath, JSON.stringify(fixtures));

  const env = { BENCH_DB_URL: url, BENCH_POOL_SIZE: String(config.poolSize), BENCH_JWT_SECRET };
  const servers = new Map<Target, RunningServer>();
  for (const target of targets) {
    const started = Date.now();
    const server = await launchServer(target, env, nodeFlags[target] ?? config.serverNodeFlags);
    resources.add(() => server.stop());
    servers.set(target, server);
    log(`${TARGET_NAMES[target]} listening on ${server.url} (pid ${server.pid}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  const broken = await smokeCheck(servers, fixtures, config.seed);
  const worker = await LoadWorker.start(fixturesPath);
  resources.add(() => worker.stop());
  const postmaster = database.dataDir ? findPostmaster(database.dataDir) : null;
  return { servers, postmaster, worker, counter, fixtures, broken };
}

/** One request, sent and checked as the load generator does; the problem with the answer, or null. */
async function sendChecked(target: Target, server: RunningServer, d: Draw, document?: string): Promise<string | null> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (d.token) headers.authorization = `Bearer ${d.token}`;
  const response = await fetch(`${server.url}${PATHS[target]}`, { method: 'POST', headers, body: requestBody(target, d, document) });
  const body = await response.text();
  return document ? checkLoosely(response.status, body) : checkAnswer(target, d, response.status, body);
}

/** A few sequential requests of every operation on every target, checked like the load's. */
async function smokeCheck(servers: Map<Target, RunningServer>, fixtures: Fixtures, seed: number): Promise<Map<string, string>> {
  const broken = new Map<string, string>();
  const random = new Random(seed);
  const ops: Operation[] = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8', 'M1', 'M2', 'M3'];
  for (const [target, server] of servers) {
    for (const op of ops) {
      if (target === 'limit' && op.startsWith('M')) continue;
      if ((op === 'Q4' && !fixtures.problemsWithSolutions.length) || (op === 'M1' && !fixtures.solutions.length)) {
        broken.set(`${target}/${op}`, 'no solutions in the data set');
        continue;
      }
      if ((op === 'Q6' && !fixtures.problemsWithPledges.length) || (op === 'M3' && !fixtures.pledgeable.length)) {
        broken.set(`${target}/${op}`, 'no pledges in the data set');
        continue;
      }
      if ((op === 'Q7' && !fixtures.workloads.length) || (op === 'Q8' && !fixtures.statsAreas.length)) {
        broken.set(`${target}/${op}`, 'no actions in the data set');
        continue;
      }
      for (let i = 0; i < 3; i++) {
        const problem = await sendChecked(target, server, draw(op, fixtures, random));
        if (problem) {
          broken.set(`${target}/${op}`, problem);
          log(`smoke check: ${TARGET_NAMES[target]} ${op} fails, not measured: ${problem}`);
          break;
        }
      }
    }
  }
  return broken;
}

/**
 * SQL statements per request, exactly: `count` requests one after another (nothing else runs),
 * between a reset and a read of pg_stat_statements. (Under load, requests still in flight at the
 * end of a window blur the count a little.)
 */
async function statementsPerRequest(harness: Harness, target: Target, scenario: ScenarioInfo | Ablation, seed: number, count = 100): Promise<number | null> {
  if (!harness.counter.available) return null;
  const server = serverOf(harness, target);
  const random = new Random(seed);
  const picker = new WeightedPicker(scenario.mix.map(([, weight]) => weight));
  const draws = Array.from({ length: count }, () => draw(scenario.mix[picker.pick(random)][0], harness.fixtures, random));
  await harness.counter.settle();
  await harness.counter.reset();
  for (const d of draws) {
    const problem = await sendChecked(target, server, d, documentFor(scenario, target));
    if (problem) throw new Error(`${scenario.name} on ${TARGET_NAMES[target]}: ${problem}`);
  }
  const statements = await harness.counter.read();
  return statements === null ? null : statements / count;
}

function documentFor(scenario: ScenarioInfo | Ablation, target: Target): string | undefined {
  return 'documents' in scenario ? scenario.documents[target] : undefined;
}

function serverOf(harness: Harness, target: Target): RunningServer {
  const server = harness.servers.get(target);
  if (!server) throw new Error(`${target} is not running`);
  return server;
}

function scenarioBroken(harness: Harness, target: Target, scenario: ScenarioInfo): string | undefined {
  for (const [op] of scenario.mix) {
    const reason = harness.broken.get(`${target}/${op}`);
    if (reason) return `${op}: ${reason}`;
  }
  return undefined;
}

/** Warm-up, then `runs` measured windows per target, interleaved so drift hits every target alike. */
async function measure(
  config: BenchConfig,
  harness: Harness,
  scenario: ScenarioInfo | Ablation,
  connections: number,
  targets: Target[],
): Promise<Measurement[]> {
  type Entry = { runs: Measurement['runs']; statements: (number | null)[]; cpu: CpuPerRequest[] };
  const collected = new Map<Target, Entry>(targets.map((t) => [t, { runs: [], statements: [], cpu: [] }]));
  const entryOf = (target: Target): Entry => collected.get(target) ?? { runs: [], statements: [], cpu: [] };
  const exact = new Map<Target, number | null>();
  for (const target of targets) {
    exact.set(target, await statementsPerRequest(harness, target, scenario, runSeed(config.seed, scenario.name, connections, 'statements')));
    const url = serverOf(harness, target).url;
    await harness.worker.run({
      target,
      scenario: scenario.name,
      url,
      connections,
      duration: config.warmup,
      seed: runSeed(config.seed, scenario.name, connections, 'warm-up'),
    });
  }
  for (let run = 0; run < config.runs; run++) {
    const seed = runSeed(config.seed, scenario.name, connections, run);
    for (const target of targets) {
      const url = serverOf(harness, target).url;
      await harness.counter.settle();
      await harness.counter.reset();
      const pid = serverOf(harness, target).pid;
      const before = { server: processCpuMs(pid), postgres: postgresCpu(harness.postmaster), load: processCpuMs(harness.worker.pid) };
      const result = await harness.worker.run({ target, scenario: scenario.name, url, connections, duration: config.duration, seed });
      const after = { server: processCpuMs(pid), postgres: postgresCpu(harness.postmaster), load: processCpuMs(harness.worker.pid) };
      const statements = await harness.counter.read();
      const entry = entryOf(target);
      entry.runs.push(result);
      entry.statements.push(statements);
      const perRequest = (spent: number | null) => (spent === null || !result.requests ? null : spent / result.requests);
      const spentBy = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);
      entry.cpu.push({
        server: perRequest(spentBy(before.server, after.server)),
        postgres: perRequest(postgresCpuSpent(before.postgres, after.postgres)),
        load: perRequest(spentBy(before.load, after.load)),
      });
      const sql = statements === null || !result.requests ? 'n/a' : (statements / result.requests).toFixed(2);
      log(
        `${scenario.name} c=${connections} ${TARGET_NAMES[target].padEnd(12)} run ${run + 1}/${config.runs}: ${Math.round(result.rps)} req/s, ` +
          `p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, ${result.errors} errors, ${sql} SQL/req${result.samples.length ? ` — ${result.samples[0].slice(0, 160)}` : ''}`,
      );
    }
  }
  return targets.map((target) => {
    const entry = entryOf(target);
    return summarise(scenario.name, target, connections, entry.runs, entry.statements, exact.get(target) ?? null, entry.cpu);
  });
}

async function mainMode(config: BenchConfig, server: BenchDatabaseServer, resources: Resources): Promise<void> {
  const startedAt = new Date();
  const seeded = await seededDatabase(server, config.size, config.seed, log, { reseed: config.reseed, plain: config.seedPlain });
  const url = await cloneDatabase(server, seeded.name, RUN_DATABASE);
  resources.add(() => dropDatabase(server.serverUrl, RUN_DATABASE));
  const targets = ALL_TARGETS.filter((t) => !config.targets.length || config.targets.includes(t));
  const harness = await startHarness(config, server, url, targets, resources);
  const machine = machineInfo(server.version);

  const measurements: Measurement[] = [];
  const consistency: MainResults['consistency'] = [];
  const skipped: string[] = [];
  for (const scenario of SCENARIOS.filter((s) => !config.scenarios.length || config.scenarios.includes(s.name))) {
    const active = targets.filter((target) => {
      if (!serves(target, scenario)) return false;
      const reason = scenarioBroken(harness, target, scenario);
      if (reason) skipped.push(`${scenario.name} on ${TARGET_NAMES[target]}: ${reason}`);
      return !reason;
    });
    if (!active.length) continue;
    for (const connections of config.connections) measurements.push(...(await measure(config, harness, scenario, connections, active)));
    if (scenario.writes) {
      const report: ConsistencyReport = await checkConsistency(url);
      consistency.push({ after: scenario.name, report });
      log(`after ${scenario.name}: ${JSON.stringify(report)}`);
    }
  }
  const results: MainResults = {
    kind: 'main',
    quick: config.quick,
    startedAt: startedAt.toISOString(),
    minutes: (Date.now() - startedAt.getTime()) / 60_000,
    machine,
    settings: {
      connections: config.connections,
      warmup: config.warmup,
      duration: config.duration,
      runs: config.runs,
      poolSize: config.poolSize,
      serverNodeFlags: config.serverNodeFlags,
    },
    dataset: datasetInfo(seeded, config.size, config.seed),
    measurements,
    consistency,
    skipped,
    verdicts: evaluateMain(measurements, consistency),
  };
  const name = config.quick ? 'quick' : 'latest';
  const markdown = mainMarkdown(results);
  writeResults(config.resultsDir, name, results, markdown);
  process.stdout.write(`\n${markdown}\nWritten to ${join(config.resultsDir, name)}.md and .json\n`);
}

async function scaleMode(config: BenchConfig, server: BenchDatabaseServer): Promise<void> {
  const startedAt = new Date();
  const connections = config.connections[0];
  const points: ScalePoint[] = [];
  const scenarios = SCENARIOS.filter((s) => ['Q1', 'Q3', 'Q5'].includes(s.name));
  for (const problems of config.scaleSizes) {
    const size: DataSize = { ...config.size, problems, solutions: Math.round(problems / 5), votes: 0 };
    const seeded = await seededDatabase(server, size, config.seed, log, { reseed: config.reseed, plain: config.seedPlain });
    const local = new Resources();
    try {
      // Reads only: the seeded database itself serves.
      const harness = await startHarness(config, server, seeded.url, ['ours', 'limit'], local);
      const measurements: Measurement[] = [];
      for (const scenario of scenarios) measurements.push(...(await measure(config, harness, scenario, connections, ['ours', 'limit'])));
      points.push({ problems, dataset: datasetInfo(seeded, size, config.seed), measurements });
    } finally {
      await local.release();
    }
  }
  const results: ScaleResults = {
    kind: 'scale',
    quick: config.quick,
    startedAt: startedAt.toISOString(),
    minutes: (Date.now() - startedAt.getTime()) / 60_000,
    machine: machineInfo(server.version),
    settings: {
      connections,
      warmup: config.warmup,
      duration: config.duration,
      runs: config.runs,
      poolSize: config.poolSize,
      serverNodeFlags: config.serverNodeFlags,
    },
    points,
    verdicts: evaluateScale(points),
  };
  const name = config.quick ? 'quick-scale' : 'scale';
  const markdown = scaleMarkdown(results);
  writeResults(config.resultsDir, name, results, markdown);
  process.stdout.write(`\n${markdown}\nWritten to ${join(config.resultsDir, name)}.md and .json\n`);
}

/**
 * Our API's reads with parts of the selection left out (and the floor: no resolver, no SQL), so
 * each recommended app change has a measured upper bound on what it gains.
 */
async function ablationMode(config: BenchConfig, server: BenchDatabaseServer, resources: Resources): Promise<void> {
  const startedAt = new Date();
  const seeded = await seededDatabase(server, config.size, config.seed, log, { reseed: config.reseed, plain: config.seedPlain });
  const url = await cloneDatabase(server, seeded.name, RUN_DATABASE);
  resources.add(() => dropDatabase(server.serverUrl, RUN_DATABASE));
  const harness = await startHarness(config, server, url, ['ours', 'postgraphile'], resources);
  const measurements: Measurement[] = [];
  for (const ablation of ABLATIONS.filter((a) => !config.scenarios.length || config.scenarios.includes(a.name))) {
    const targets: Target[] = ablation.documents.postgraphile ? ['ours', 'postgraphile'] : ['ours'];
    for (const connections of config.connections) measurements.push(...(await measure(config, harness, ablation, connections, targets)));
  }
  const results: AblationResults = {
    kind: 'ablation',
    startedAt: startedAt.toISOString(),
    minutes: (Date.now() - startedAt.getTime()) / 60_000,
    machine: machineInfo(server.version),
    settings: {
      connections: config.connections,
      warmup: config.warmup,
      duration: config.duration,
      runs: config.runs,
      poolSize: config.poolSize,
      serverNodeFlags: config.serverNodeFlags,
    },
    dataset: datasetInfo(seeded, config.size, config.seed),
    measurements,
  };
  const markdown = ablationMarkdown(results);
  writeResults(config.resultsDir, config.quick ? 'quick-ablation' : 'ablation', results, markdown);
  process.stdout.write(`\n${markdown}\n`);
}

/** Our API under a CPU profiler while one scenario runs: where does the time go? */
async function profileMode(config: BenchConfig, server: BenchDatabaseServer, resources: Resources): Promise<void> {
  const scenario = findScenario(config.profileScenario ?? '');
  if (!scenario) throw new BenchConfigError(`--profile needs one of ${[...SCENARIOS, ...ABLATIONS].map((s) => s.name).join(', ')}`);
  const seeded = await seededDatabase(server, config.size, config.seed, log, { reseed: config.reseed, plain: config.seedPlain });
  const url = await cloneDatabase(server, seeded.name, RUN_DATABASE);
  resources.add(() => dropDatabase(server.serverUrl, RUN_DATABASE));
  const dir = mkdtempSync(join(tmpdir(), 'common-ground-profile-'));
  resources.add(async () => rmSync(dir, { recursive: true, force: true }));
  const local = new Resources();
  const connections = config.connections[0];
  try {
    const harness = await startHarness(config, server, url, ['ours'], local, { ours: [...config.serverNodeFlags, '--cpu-prof', `--cpu-prof-dir=${dir}`] });
    const target = serverOf(harness, 'ours');
    await harness.worker.run({ target: 'ours', scenario: scenario.name, url: target.url, connections, duration: config.warmup, seed: 1 });
    const result = await harness.worker.run({ target: 'ours', scenario: scenario.name, url: target.url, connections, duration: config.duration * 2, seed: 2 });
    log(`${scenario.name} under the profiler: ${Math.round(result.rps)} req/s, p50 ${result.p50.toFixed(2)} ms, ${result.errors} errors`);
  } finally {
    await local.release();
  }
  const markdown = analyseProfile(dir, `${scenario.name} (${scenario.title}), ${connections} connections`);
  mkdirSync(config.resultsDir, { recursive: true });
  writeFileSync(join(config.resultsDir, `profile-${scenario.name}.md`), markdown);
  process.stdout.write(`\n${markdown}\n`);
}

async function main(): Promise<void> {
  const config = loadBenchConfig(process.argv.slice(2));
  const resources = new Resources();
  const interrupt = () => {
    log('interrupted: stopping servers');
    void resources.release().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const server = await openBenchServer(config, log);
    resources.add(() => server.stop());
    log(`PostgreSQL ${server.version} (${server.embedded ? `embedded, ${config.dataDir}` : 'BENCH_DATABASE_URL'})`);
    if (config.mode === 'scale') await scaleMode(config, server);
    else if (config.mode === 'ablation') await ablationMode(config, server, resources);
    else if (config.mode === 'profile') await profileMode(config, server, resources);
    else await mainMode(config, server, resources);
  } finally {
    await resources.release();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
