import { randomBytes } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import { isCurrencyCode } from '@common-ground/shared/money';

export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
/** Which HTTP server the API runs on (the behaviour is the same; see the README). */
export type HttpAdapterKind = 'express' | 'fastify';
/** How GraphQL operations are executed: graphql-js's interpreter, or graphql-jit's compiled documents. */
export type GraphQLExecutorKind = 'graphql-js' | 'jit';

/** Every setting the processes read, typed and validated once at start. */
export interface AppConfig {
  nodeEnv: NodeEnv;
  production: boolean;
  host: string;
  port: number;
  logLevel: LogLevel;
  /** The HTTP server under Nest: Express (the default) or Fastify. */
  httpAdapter: HttpAdapterKind;
  shutdownTimeoutMs: number;
  /** After SIGTERM: how long readiness answers 503 while requests are still served, before the listener closes. */
  shutdownGraceMs: number;
  database: {
    /** `undefined` means: start the embedded PostgreSQL. */
    url?: string;
    embeddedDataDir: string;
    embeddedPort: number;
    migrationsRun: boolean;
    poolSize: number;
    logQueries: boolean;
    preparedStatements: boolean;
    /** How long the API retries an unavailable database at start (with backoff). */
    connectRetryMs: number;
    /** Bounds on every wait, in milliseconds; 0 turns one off. */
    timeouts: {
      statementMs: number;
      lockMs: number;
      idleInTransactionMs: number;
      acquireMs: number;
      queryMs: number;
    };
  };
  jwt: {
    secret: string;
    /** True when no JWT_SECRET was set and a random one was made for this process. */
    secretGenerated: boolean;
    issuer: string;
    audience: string;
    ttlSeconds: number;
  };
  /**
   * The per-process cache of the signed-in user and their roles, kept true across replicas by
   * PostgreSQL notifications (a changed user is dropped on the commit of the change).
   */
  authCache: {
    /** Users kept (least recently used go first); 0: no cache, every request reads the user. */
    maxEntries: number;
    /** A kept user is read again after this long, whatever the notifications said; 0: no limit. */
    ttlSeconds: number;
  };
  bootstrapAdmin?: { email: string; password: string };
  rateLimit: {
    /** Sign-up attempts (each `register` field) per client address per window. */
    registerPerAddress: number;
    registerWindowSeconds: number;
    /** Failed logins for one account from one client address before that pair is locked. */
    loginFailuresPerAccountAndAddress: number;
    /** Failed logins for one account from all addresses before the account is locked. */
    loginFailuresPerAccount: number;
    /** Failed logins from one client address, for any accounts, before the address is locked. */
    loginFailuresPerAddress: number;
    /** Failures count within this window, from the first one. */
    loginFailureWindowSeconds: number;
    /** How long a lock lasts. */
    loginLockoutSeconds: number;
  };
  redisUrl?: string;
  graphql: {
    maxDepth: number;
    maxAliases: number;
    maxDirectives: number;
    maxTokens: number;
    maxCost: number;
    maxFields: number;
    /** graphql-js, or graphql-jit for queries (mutations always run on graphql-js). */
    executor: GraphQLExecutorKind;
    /** With the jit executor: how many compiled documents are kept (least recently used dropped). */
    jitCacheEntries: number;
  };
  /** `Strict-Transport-Security` max-age in seconds; 0: no HSTS header. */
  hstsMaxAgeSeconds: number;
  demoData: boolean;
  /**
   * Express's `trust proxy`: false, the number of proxy hops in front of the API, or the
   * addresses/subnets of trusted proxies. Never "every hop", which lets a client pick its address.
   */
  trustProxy: false | number | string[];
  /** The ISO 4217 currency of money pledged toward a solution without a funding goal (one with a goal takes the goal's). */
  defaultCurrency: string;
  solutions: {
    /** The largest funding goal a solution may ask for, in minor units of its currency. */
    fundingGoalMaxMinor: number;
  };
  pledges: {
    /** The largest amount one pledge, or one match-funding cap, may promise, in minor units of its currency. */
    amountMaxMinor: number;
  };
  moderation: {
    /** Counted flags that hide an item pending review; 0: flags only queue items, never hide them. */
    flagsToHide: number;
    /** A flag from an account younger than this queues the item but does not count toward hiding it. */
    flaggerMinAccountAgeHours: number;
  };
  idempotency: {
    /** How long an Idempotency-Key is remembered (a retry within it returns the first result). */
    keyTtlHours: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Variables that were replaced: set, they stop the process rather than be ignored, so an
 * operator who tuned them learns of the new ones. Login limits used to count every attempt;
 * they now count failures only, per account and address, per account and per address.
 */
const REPLACED_VARIABLES: [string, string][] = [
  ['LOGIN_RATE_LIMIT_PER_ACCOUNT', 'LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS and LOGIN_FAILURES_PER_ACCOUNT'],
  ['LOGIN_RATE_LIMIT_PER_ADDRESS', 'LOGIN_FAILURES_PER_ADDRESS'],
  ['LOGIN_RATE_LIMIT_WINDOW_SECONDS', 'LOGIN_FAILURE_WINDOW_SECONDS and LOGIN_LOCKOUT_SECONDS'],
];

/** Reads and validates the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): AppConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const production = nodeEnv === 'production';
  const databaseUrl = read.url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const jwtSecretRaw = read.string('JWT_SECRET');
  if (jwtSecretRaw !== undefined && jwtSecretRaw.length < 32) {
    problems.push('JWT_SECRET must be at least 32 characters long');
  }
  if (production && jwtSecretRaw === undefined) {
    problems.push('JWT_SECRET is required when NODE_ENV=production');
  }
  const adminEmail = read.string('BOOTSTRAP_ADMIN_EMAIL');
  const adminPassword = read.string('BOOTSTRAP_ADMIN_PASSWORD');
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    problems.push('BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD must be set together');
  }
  if (adminEmail !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(adminEmail)) {
    problems.push('BOOTSTRAP_ADMIN_EMAIL must be an e-mail address');
  }
  const dataDir = read.string('EMBEDDED_PG_DATA_DIR') ?? '.data/postgres';
  for (const [old, replacement] of REPLACED_VARIABLES) {
    if (read.string(old) !== undefined) problems.push(`${old} is no longer read; use ${replacement} (see the README)`);
  }
  const timeouts = {
    statementMs: read.int('DB_STATEMENT_TIMEOUT_MS', 10_000, 0, 3_600_000),
    lockMs: read.int('DB_LOCK_TIMEOUT_MS', 2_000, 0, 3_600_000),
    idleInTransactionMs: read.int('DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 30_000, 0, 3_600_000),
    acquireMs: read.int('DB_POOL_ACQUIRE_TIMEOUT_MS', 5_000, 0, 3_600_000),
    queryMs: read.int('DB_QUERY_TIMEOUT_MS', 15_000, 0, 3_600_000),
  };
  if (timeouts.queryMs > 0 && timeouts.statementMs > 0 && timeouts.queryMs <= timeouts.statementMs) {
    problems.push(
      `DB_QUERY_TIMEOUT_MS (${timeouts.queryMs}) must be greater than DB_STATEMENT_TIMEOUT_MS (${timeouts.statementMs}), so that PostgreSQL's own time-out ends a slow statement first`,
    );
  }

  const config: AppConfig = {
    nodeEnv,
    production,
    host: read.string('HOST') ?? '0.0.0.0',
    port: read.int('PORT', 3000, 0, 65535),
    logLevel: read.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    httpAdapter: read.oneOf('HTTP_ADAPTER', ['express', 'fastify'] as const, 'fastify'),
    shutdownTimeoutMs: read.int('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    shutdownGraceMs: read.int('SHUTDOWN_GRACE_MS', 5_000, 0, 600_000),
    database: {
      url: databaseUrl,
      embeddedDataDir: isAbsolute(dataDir) ? dataDir : resolve(cwd, dataDir),
      embeddedPort: read.int('EMBEDDED_PG_PORT', 0, 0, 65535),
      migrationsRun: read.bool('DB_MIGRATIONS_RUN', true),
      poolSize: read.int('DB_POOL_SIZE', 10, 1, 1000),
      logQueries: read.bool('DB_LOG_QUERIES', false),
      preparedStatements: read.bool('DB_PREPARED_STATEMENTS', true),
      connectRetryMs: read.int('DB_CONNECT_RETRY_MS', 60_000, 0, 3_600_000),
      timeouts,
    },
    jwt: {
      secret: jwtSecretRaw ?? randomBytes(48).toString('base64url'),
      secretGenerated: jwtSecretRaw === undefined,
      issuer: read.string('JWT_ISSUER') ?? 'common-ground',
      audience: read.string('JWT_AUDIENCE') ?? 'common-ground-api',
      ttlSeconds: read.int('JWT_TTL_SECONDS', 3600, 60, 30 * 24 * 3600),
    },
    authCache: {
      maxEntries: read.int('AUTH_CACHE_MAX_ENTRIES', 10_000, 0, 10_000_000),
      ttlSeconds: read.int('AUTH_CACHE_TTL_SECONDS', 300, 0, 86_400),
    },
    bootstrapAdmin: adminEmail && adminPassword ? { email: adminEmail, password: adminPassword } : undefined,
    rateLimit: {
      registerPerAddress: read.int('REGISTER_RATE_LIMIT_PER_ADDRESS', 20, 1, 100_000),
      registerWindowSeconds: read.int('REGISTER_RATE_LIMIT_WINDOW_SECONDS', 3600, 1, 7 * 86_400),
      loginFailuresPerAccountAndAddress: read.int('LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS', 5, 1, 10_000),
      loginFailuresPerAccount: read.int('LOGIN_FAILURES_PER_ACCOUNT', 50, 1, 100_000),
      loginFailuresPerAddress: read.int('LOGIN_FAILURES_PER_ADDRESS', 100, 1, 1_000_000),
      loginFailureWindowSeconds: read.int('LOGIN_FAILURE_WINDOW_SECONDS', 3600, 1, 7 * 86_400),
      loginLockoutSeconds: read.int('LOGIN_LOCKOUT_SECONDS', 900, 1, 7 * 86_400),
    },
    redisUrl: read.url('REDIS_URL', ['redis:', 'rediss:']),
    graphql: {
      maxDepth: read.int('GRAPHQL_MAX_DEPTH', 12, 1, 100),
      maxAliases: read.int('GRAPHQL_MAX_ALIASES', 15, 0, 1000),
      maxDirectives: read.int('GRAPHQL_MAX_DIRECTIVES', 5, 0, 1000),
      maxTokens: read.int('GRAPHQL_MAX_TOKENS', 2000, 10, 100_000),
      maxCost: read.int('GRAPHQL_MAX_COST', 500_000, 1, 100_000_000),
      maxFields: read.int('GRAPHQL_MAX_FIELDS', 200, 1, 100_000),
      executor: read.oneOf('GRAPHQL_EXECUTOR', ['graphql-js', 'jit'] as const, 'jit'),
      jitCacheEntries: read.int('GRAPHQL_JIT_CACHE_ENTRIES', 1000, 1, 100_000),
    },
    hstsMaxAgeSeconds: read.int('HSTS_MAX_AGE_SECONDS', 0, 0, 2 * 365 * 86_400),
    demoData: read.bool('DEMO_DATA', databaseUrl === undefined),
    trustProxy: read.trustProxy('TRUST_PROXY'),
    defaultCurrency: read.currency('DEFAULT_CURRENCY', 'GBP'),
    solutions: {
      fundingGoalMaxMinor: read.int('SOLUTION_FUNDING_GOAL_MAX_MINOR', 1_000_000_000, 1, Number.MAX_SAFE_INTEGER),
    },
    pledges: {
      amountMaxMinor: read.int('PLEDGE_AMOUNT_MAX_MINOR', 100_000_000, 1, Number.MAX_SAFE_INTEGER),
    },
    moderation: {
      flagsToHide: read.int('MODERATION_FLAGS_TO_HIDE', 3, 0, 10_000),
      flaggerMinAccountAgeHours: read.int('MODERATION_FLAGGER_MIN_ACCOUNT_AGE_HOURS', 72, 0, 87_600),
    },
    idempotency: {
      keyTtlHours: read.int('IDEMPOTENCY_KEY_TTL_HOURS', 24, 1, 24 * 30),
    },
  };

  const limits = config.rateLimit;
  if (limits.loginFailuresPerAccount < limits.loginFailuresPerAccountAndAddress) {
    problems.push('LOGIN_FAILURES_PER_ACCOUNT must be at least LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS');
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return config;
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  string(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if (!/^-?\d+$/.test(raw)) {
      this.problems.push(`${name} must be a whole number, got "${raw}"`);
      return fallback;
    }
    const value = Number(raw);
    if (value < min || value > max) {
      this.problems.push(`${name} must be between ${min} and ${max}, got ${value}`);
      return fallback;
    }
    return value;
  }

  /** An ISO 4217 code in use (e.g. EUR), upper case. */
  currency(name: string, fallback: string): string {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if (!isCurrencyCode(raw)) {
      this.problems.push(`${name} must be an ISO 4217 currency code in upper case, e.g. EUR, got "${raw}"`);
      return fallback;
    }
    return raw;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.string(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes', 'on'].includes(raw)) return true;
    if (['false', '0', 'no', 'off'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false, got "${raw}"`);
    return fallback;
  }

  /** `false`, a hop count (1–10), or a comma-separated list of proxy addresses or subnets. */
  trustProxy(name: string): false | number | string[] {
    const raw = this.string(name)?.toLowerCase();
    if (raw === undefined || ['false', '0', 'no', 'off'].includes(raw)) return false;
    if (['true', 'yes', 'on'].includes(raw)) {
      this.problems.push(
        `${name}=${raw} would trust every X-Forwarded-For hop, so a client could choose its own address: ` +
          'give the number of proxies in front of the API (e.g. 1) or their addresses',
      );
      return false;
    }
    if (/^\d+$/.test(raw)) {
      const hops = Number(raw);
      if (hops <= 10) return hops;
      this.problems.push(`${name} must be between 1 and 10 proxy hops, got ${hops}`);
      return false;
    }
    const list = raw
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const valid = /^(loopback|linklocal|uniquelocal|[0-9a-f:.]+(\/\d{1,3})?)$/;
    const bad = list.filter((entry) => !valid.test(entry));
    if (bad.length || !list.length) {
      this.problems.push(`${name} must be false, a number of proxy hops, or proxy addresses/subnets; cannot read "${bad.join(', ') || raw}"`);
      return false;
    }
    return list;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
    return fallback;
  }

  url(name: string, protocols: string[]): string | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        this.problems.push(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
        return undefined;
      }
      return raw;
    } catch {
      this.problems.push(`${name} is not a valid URL`);
      return undefined;
    }
  }
}
