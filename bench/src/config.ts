import { resolve } from 'node:path';

/** How big the seeded data set is. */
export interface DataSize {
  problems: number;
  users: number;
  solutions: number;
  votes: number;
  areas: number;
}

export type Mode = 'main' | 'scale' | 'profile' | 'ablation';

/** Everything a bench run reads from the environment and the command line, checked once. */
export interface BenchConfig {
  mode: Mode;
  quick: boolean;
  seed: number;
  size: DataSize;
  /** Problem counts of the scale curve (`--scale`). */
  scaleSizes: number[];
  connections: number[];
  /** Seconds. */
  warmup: number;
  duration: number;
  runs: number;
  /** Scenario names to run (all when empty). */
  scenarios: string[];
  /** Targets to run (all when empty). */
  targets: string[];
  /** PostgreSQL connections in the pool of each server under test (the same for all three). */
  poolSize: number;
  /** With `--profile <scenario>`: which scenario to profile our API on. */
  profileScenario?: string;
  databaseUrl?: string;
  dataDir: string;
  resultsDir: string;
  /** Seed again even when a seeded database of the same sizes exists. */
  reseed: boolean;
  /** Seed without the bulk-load shortcuts (to measure what they gain). */
  seedPlain: boolean;
  /** Extra Node.js flags for the server processes under test (e.g. GC tuning). */
  serverNodeFlags: string[];
}

const QUICK_SIZE: DataSize = { problems: 2_000, users: 500, solutions: 400, votes: 10_000, areas: 9 };
const DEFAULT_SIZE: DataSize = { problems: 100_000, users: 10_000, solutions: 20_000, votes: 1_000_000, areas: 36 };

export class BenchConfigError extends Error {}

export function loadBenchConfig(argv: string[], env: Record<string, string | undefined> = process.env): BenchConfig {
  const flag = (name: string) => argv.includes(`--${name}`);
  const option = (name: string): string | undefined => {
    const index = argv.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
    if (index < 0) return undefined;
    const arg = argv[index];
    return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
  };
  const quick = flag('quick') || truthy(env.BENCH_QUICK);
  const profileScenario = option('profile');
  const mode: Mode = flag('scale') ? 'scale' : flag('ablation') ? 'ablation' : profileScenario ? 'profile' : 'main';
  const base = quick ? QUICK_SIZE : DEFAULT_SIZE;
  const size: DataSize = {
    problems: int(env, 'BENCH_PROBLEMS', base.problems, 10),
    users: int(env, 'BENCH_USERS', base.users, 20),
    solutions: int(env, 'BENCH_SOLUTIONS', base.solutions, 0),
    votes: int(env, 'BENCH_VOTES', base.votes, 0),
    areas: int(env, 'BENCH_AREAS', base.areas, 1),
  };
  return {
    mode,
    quick,
    seed: int(env, 'BENCH_SEED', 20_261_128, 0),
    size,
    scaleSizes: list(env.BENCH_SCALE_SIZES, quick ? [1_000, 4_000, 16_000] : [10_000, 100_000, 1_000_000]).map(Number),
    connections: list(env.BENCH_CONNECTIONS, quick ? [10] : [10, 50]).map(Number),
    warmup: num(env, 'BENCH_WARMUP', quick ? 0.5 : 2),
    duration: num(env, 'BENCH_DURATION', quick ? 1 : 4),
    runs: int(env, 'BENCH_RUNS', quick ? 1 : 3, 1),
    scenarios: list(env.BENCH_SCENARIOS, []).map((s) => s.toUpperCase()),
    targets: list(env.BENCH_TARGETS, []).map((s) => s.toLowerCase()),
    poolSize: int(env, 'BENCH_POOL_SIZE', 20, 1),
    profileScenario: profileScenario?.toUpperCase(),
    databaseUrl: env.BENCH_DATABASE_URL?.trim() || undefined,
    dataDir: resolve(env.BENCH_DATA_DIR ?? '.data/bench'),
    resultsDir: resolve(env.BENCH_RESULTS_DIR ?? 'bench/results'),
    reseed: truthy(env.BENCH_RESEED),
    seedPlain: truthy(env.BENCH_SEED_PLAIN),
    serverNodeFlags: (env.BENCH_SERVER_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean),
  };
}

function truthy(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase());
}

function list(value: string | undefined, fallback: (string | number)[]): string[] {
  const items = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : fallback.map(String);
}

function num(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new BenchConfigError(`${name} must be a positive number, got "${raw}"`);
  return value;
}

function int(env: Record<string, string | undefined>, name: string, fallback: number, min: number): number {
  const raw = env[name]?.trim().replace(/_/g, '');
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new BenchConfigError(`${name} must be a whole number of at least ${min}, got "${raw}"`);
  return Number(raw);
}
