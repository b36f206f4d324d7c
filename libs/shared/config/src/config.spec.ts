import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('uses documented defaults for an empty environment', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.port).toBe(3000);
    expect(config.nodeEnv).toBe('development');
    expect(config.database.url).toBeUndefined();
    expect(config.database.embeddedDataDir).toBe('/srv/app/.data/postgres');
    expect(config.database.migrationsRun).toBe(true);
    expect(config.jwt.secretGenerated).toBe(true);
    expect(config.jwt.secret.length).toBeGreaterThanOrEqual(32);
    expect(config.demoData).toBe(true);
  });

  it('does not load demo data into a configured server unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@localhost/db' }).demoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@localhost/db', DEMO_DATA: 'true' }).demoData).toBe(true);
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', NODE_ENV: 'prod', DATABASE_URL: 'mysql://x', DB_MIGRATIONS_RUN: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT must be a whole number');
    expect(message).toContain('NODE_ENV must be one of development, test, production');
    expect(message).toContain('DATABASE_URL must start with postgres:// or postgresql://');
    expect(message).toContain('DB_MIGRATIONS_RUN must be true or false');
  });

  it('requires a strong JWT_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('JWT_SECRET is required when NODE_ENV=production');
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow('JWT_SECRET must be at least 32 characters long');
  });

  it('requires the bootstrap admin e-mail and password together', () => {
    expect(() => loadConfig({ BOOTSTRAP_ADMIN_EMAIL: 'a@b.org' })).toThrow('must be set together');
    const config = loadConfig({ BOOTSTRAP_ADMIN_EMAIL: 'a@b.org', BOOTSTRAP_ADMIN_PASSWORD: 'long enough password' });
    expect(config.bootstrapAdmin).toEqual({ email: 'a@b.org', password: 'long enough password' });
  });

  it('reads the auth cache bounds, with defaults; 0 entries turns it off', () => {
    expect(loadConfig({}).authCache).toEqual({ maxEntries: 10_000, ttlSeconds: 300 });
    expect(loadConfig({ AUTH_CACHE_MAX_ENTRIES: '0', AUTH_CACHE_TTL_SECONDS: '0' }).authCache).toEqual({ maxEntries: 0, ttlSeconds: 0 });
    expect(() => loadConfig({ AUTH_CACHE_MAX_ENTRIES: '-1' })).toThrow('AUTH_CACHE_MAX_ENTRIES must be between 0 and 10000000, got -1');
    expect(() => loadConfig({ AUTH_CACHE_MAX_ENTRIES: 'lots' })).toThrow('AUTH_CACHE_MAX_ENTRIES must be a whole number');
    expect(() => loadConfig({ AUTH_CACHE_TTL_SECONDS: '86401' })).toThrow('AUTH_CACHE_TTL_SECONDS must be between 0 and 86400, got 86401');
  });

  it('rejects out-of-range numbers', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow('PORT must be between 0 and 65535, got 70000');
  });

  it('caps solution funding goals, in minor units, at a safe integer', () => {
    expect(loadConfig({}).solutions.fundingGoalMaxMinor).toBe(1_000_000_000);
    expect(loadConfig({ SOLUTION_FUNDING_GOAL_MAX_MINOR: '500000' }).solutions.fundingGoalMaxMinor).toBe(500_000);
    expect(() => loadConfig({ SOLUTION_FUNDING_GOAL_MAX_MINOR: '0' })).toThrow('SOLUTION_FUNDING_GOAL_MAX_MINOR must be between 1 and');
    expect(() => loadConfig({ SOLUTION_FUNDING_GOAL_MAX_MINOR: '9007199254740992' })).toThrow(
      'SOLUTION_FUNDING_GOAL_MAX_MINOR must be between 1 and 9007199254740991',
    );
    expect(() => loadConfig({ SOLUTION_FUNDING_GOAL_MAX_MINOR: '12.50' })).toThrow('SOLUTION_FUNDING_GOAL_MAX_MINOR must be a whole number');
  });

  it('reads the default currency of pledges and caps a pledge, in minor units, at a safe integer', () => {
    expect(loadConfig({}).defaultCurrency).toBe('GBP');
    expect(loadConfig({ DEFAULT_CURRENCY: 'EUR' }).defaultCurrency).toBe('EUR');
    expect(() => loadConfig({ DEFAULT_CURRENCY: 'eur' })).toThrow('DEFAULT_CURRENCY must be an ISO 4217 currency code');
    expect(() => loadConfig({ DEFAULT_CURRENCY: 'XYZ' })).toThrow('DEFAULT_CURRENCY must be an ISO 4217 currency code');
    expect(loadConfig({}).pledges.amountMaxMinor).toBe(100_000_000);
    expect(loadConfig({ PLEDGE_AMOUNT_MAX_MINOR: '5000' }).pledges.amountMaxMinor).toBe(5000);
    expect(() => loadConfig({ PLEDGE_AMOUNT_MAX_MINOR: '0' })).toThrow('PLEDGE_AMOUNT_MAX_MINOR must be between 1 and 9007199254740991');
  });

  it('reads the abuse limits, with defaults', () => {
    expect(loadConfig({}).rateLimit).toEqual({
      registerPerAddress: 20,
      registerWindowSeconds: 3600,
      loginFailuresPerAccountAndAddress: 5,
      loginFailuresPerAccount: 50,
      loginFailuresPerAddress: 100,
      loginFailureWindowSeconds: 3600,
      loginLockoutSeconds: 900,
    });
    const tuned = loadConfig({ REGISTER_RATE_LIMIT_PER_ADDRESS: '3', LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS: '2', LOGIN_FAILURES_PER_ACCOUNT: '2' });
    expect(tuned.rateLimit).toMatchObject({ registerPerAddress: 3, loginFailuresPerAccountAndAddress: 2, loginFailuresPerAccount: 2 });
    expect(() => loadConfig({ LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS: '10', LOGIN_FAILURES_PER_ACCOUNT: '9' })).toThrow(
      'LOGIN_FAILURES_PER_ACCOUNT must be at least LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS',
    );
  });

  it('stops on the replaced login variables, naming their successors', () => {
    expect(() => loadConfig({ LOGIN_RATE_LIMIT_PER_ACCOUNT: '5' })).toThrow(
      'LOGIN_RATE_LIMIT_PER_ACCOUNT is no longer read; use LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS and LOGIN_FAILURES_PER_ACCOUNT',
    );
    expect(() => loadConfig({ LOGIN_RATE_LIMIT_PER_ADDRESS: '30' })).toThrow('use LOGIN_FAILURES_PER_ADDRESS');
    expect(() => loadConfig({ LOGIN_RATE_LIMIT_WINDOW_SECONDS: '900' })).toThrow('use LOGIN_FAILURE_WINDOW_SECONDS');
  });

  it('trusts a number of proxies or their addresses, never every hop', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow('would trust every X-Forwarded-For hop');
    expect(() => loadConfig({ TRUST_PROXY: '11' })).toThrow('TRUST_PROXY must be between 1 and 10 proxy hops');
    expect(() => loadConfig({ TRUST_PROXY: 'the balancer' })).toThrow('cannot read "the balancer"');
  });

  it('reads the moderation limits: flags to hide an item and the minimum age of a counted flagger', () => {
    expect(loadConfig({}).moderation).toEqual({ flagsToHide: 3, flaggerMinAccountAgeHours: 72 });
    expect(loadConfig({ MODERATION_FLAGS_TO_HIDE: '0', MODERATION_FLAGGER_MIN_ACCOUNT_AGE_HOURS: '0' }).moderation).toEqual({
      flagsToHide: 0,
      flaggerMinAccountAgeHours: 0,
    });
    expect(() => loadConfig({ MODERATION_FLAGS_TO_HIDE: '-1' })).toThrow('MODERATION_FLAGS_TO_HIDE must be between 0 and 10000, got -1');
    expect(() => loadConfig({ MODERATION_FLAGGER_MIN_ACCOUNT_AGE_HOURS: 'a day' })).toThrow('MODERATION_FLAGGER_MIN_ACCOUNT_AGE_HOURS must be a whole number');
  });

  it('bounds every database wait by default, and lets each bound be set or turned off', () => {
    const defaults = loadConfig({});
    expect(defaults.database.timeouts).toEqual({ statementMs: 10_000, lockMs: 2_000, idleInTransactionMs: 30_000, acquireMs: 5_000, queryMs: 15_000 });
    expect(defaults.database.connectRetryMs).toBe(60_000);
    expect([defaults.shutdownGraceMs, defaults.shutdownTimeoutMs]).toEqual([5_000, 10_000]);
    const set = loadConfig({ DB_STATEMENT_TIMEOUT_MS: '0', DB_LOCK_TIMEOUT_MS: '250', DB_QUERY_TIMEOUT_MS: '0', SHUTDOWN_GRACE_MS: '0' });
    expect(set.database.timeouts).toMatchObject({ statementMs: 0, lockMs: 250, queryMs: 0 });
    expect(set.shutdownGraceMs).toBe(0);
    expect(() => loadConfig({ DB_LOCK_TIMEOUT_MS: '-1' })).toThrow('DB_LOCK_TIMEOUT_MS must be between 0 and 3600000, got -1');
    expect(() => loadConfig({ DB_POOL_ACQUIRE_TIMEOUT_MS: 'soon' })).toThrow('DB_POOL_ACQUIRE_TIMEOUT_MS must be a whole number');
  });

  it('requires the answer time-out to exceed the statement time-out', () => {
    expect(() => loadConfig({ DB_STATEMENT_TIMEOUT_MS: '20000' })).toThrow('DB_QUERY_TIMEOUT_MS (15000) must be greater than DB_STATEMENT_TIMEOUT_MS (20000)');
    expect(loadConfig({ DB_STATEMENT_TIMEOUT_MS: '20000', DB_QUERY_TIMEOUT_MS: '25000' }).database.timeouts.queryMs).toBe(25_000);
  });

  it('keeps idempotency keys 24 hours by default, 1 to 720 when set', () => {
    expect(loadConfig({}).idempotency).toEqual({ keyTtlHours: 24 });
    expect(loadConfig({ IDEMPOTENCY_KEY_TTL_HOURS: '1' }).idempotency.keyTtlHours).toBe(1);
    expect(() => loadConfig({ IDEMPOTENCY_KEY_TTL_HOURS: '0' })).toThrow('IDEMPOTENCY_KEY_TTL_HOURS must be between 1 and 720, got 0');
    expect(() => loadConfig({ IDEMPOTENCY_KEY_TTL_HOURS: '1.5' })).toThrow('IDEMPOTENCY_KEY_TTL_HOURS must be a whole number');
  });

  it('runs on Fastify with graphql-jit by default; Express and graphql-js are chosen by name', () => {
    const defaults = loadConfig({});
    expect(defaults.httpAdapter).toBe('fastify');
    expect(defaults.graphql).toMatchObject({ executor: 'jit', jitCacheEntries: 1000 });
    const chosen = loadConfig({ HTTP_ADAPTER: 'express', GRAPHQL_EXECUTOR: 'graphql-js', GRAPHQL_JIT_CACHE_ENTRIES: '50' });
    expect(chosen.httpAdapter).toBe('express');
    expect(chosen.graphql).toMatchObject({ executor: 'graphql-js', jitCacheEntries: 50 });
    expect(() => loadConfig({ HTTP_ADAPTER: 'koa' })).toThrow('HTTP_ADAPTER must be one of express, fastify, got "koa"');
    expect(() => loadConfig({ GRAPHQL_EXECUTOR: 'JIT' })).toThrow('GRAPHQL_EXECUTOR must be one of graphql-js, jit, got "JIT"');
    expect(() => loadConfig({ GRAPHQL_JIT_CACHE_ENTRIES: '0' })).toThrow('GRAPHQL_JIT_CACHE_ENTRIES must be between 1 and 100000, got 0');
  });
});
