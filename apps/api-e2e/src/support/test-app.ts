import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from '@common-ground/api';
import { Role, TokenService } from '@common-ground/shared/auth';
import { AppConfig, loadConfig } from '@common-ground/shared/config';
import { newId } from '@common-ground/shared/database';
import { PasswordService } from '@common-ground/identity';
import { createTestDatabase, Factories, FACTORY_PASSWORD, FactoryUser, GraphQLClient, TestDatabase, UserOptions } from '@common-ground/shared/testing';
import { suiteSwitches } from './switches';

export { suiteSwitches };

export const TEST_JWT_SECRET = 'e2e-secret-that-is-long-enough-for-hs256-0123456789';
export const TEST_PASSWORD = FACTORY_PASSWORD;

/** A user of a spec: the factories' account (id, e-mail, name, token, roles). */
export type TestUser = FactoryUser;
export type { UserOptions };

/**
 * The real API on its own fresh database, over HTTP. One per spec file; `close()` drops the
 * database. Environment overrides stand in for what an operator would set.
 */
export class TestApp {
  readonly gql: GraphQLClient;
  /**
   * The factories of shared/testing over this app's API: every problem, solution, vote, comment,
   * flag and status goes through GraphQL; accounts come from `users` (one INSERT).
   */
  readonly make: Factories;
  private sequence = 0;
  private passwordHash?: string;

  private constructor(
    readonly app: INestApplication,
    readonly config: AppConfig,
    private readonly database: TestDatabase,
  ) {
    this.gql = new GraphQLClient(app.getHttpServer());
    this.make = new Factories(this.gql, (count, options) => this.users(count, options));
  }

  /**
   * `options.databaseUrl`: run on that (already migrated) database instead of a fresh copy of the
   * template; it is left in place on `close()`. `options.modules`: imported into the app after
   * the libs, e.g. a test-only event handler.
   */
  static async start(env: Record<string, string> = {}, options: { databaseUrl?: string; modules?: (Type | DynamicModule)[] } = {}): Promise<TestApp> {
    const database: TestDatabase = options.databaseUrl
      ? { url: options.databaseUrl, name: new URL(options.databaseUrl).pathname.slice(1), drop: async () => undefined }
      : await createTestDatabase();
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DB_MIGRATIONS_RUN: 'false',
      DB_POOL_SIZE: '20',
      // The specs run side by side on a busy machine and test behaviour, not how long waits are
      // bounded: waits are bounded loosely here. The bounds themselves are proven with tight values
      // by outage.e2e-spec.ts and the fault suite, which set their own.
      DB_STATEMENT_TIMEOUT_MS: '60000',
      DB_QUERY_TIMEOUT_MS: '90000',
      DB_LOCK_TIMEOUT_MS: '30000',
      DB_POOL_ACQUIRE_TIMEOUT_MS: '60000',
      JWT_SECRET: TEST_JWT_SECRET,
      ...suiteSwitches(),
      ...env,
    });
    try {
      const app = await createApp(config, database.url, options.modules ?? []);
      await app.init();
      return new TestApp(app, config, database);
    } catch (error) {
      await database.drop();
      throw error;
    }
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  /** A user straight in the database (password TEST_PASSWORD), with a valid access token. */
  async user(options: UserOptions = {}): Promise<TestUser> {
    const [user] = await this.users(1, options);
    return user;
  }

  /** Many users in one statement, for concurrency tests. */
  async users(count: number, options: UserOptions = {}): Promise<TestUser[]> {
    this.passwordHash ??= await this.app.get(PasswordService).hash(TEST_PASSWORD);
    const roles = [...new Set([Role.RESIDENT, ...(options.roles ?? [])])];
    const tokens = this.app.get(TokenService);
    const made: TestUser[] = Array.from({ length: count }, () => {
      const n = ++this.sequence;
      const id = newId();
      return {
        id,
        email: count === 1 && options.email ? options.email : `user${n}.${id.slice(-6)}@example.org`,
        displayName: options.displayName ?? `User ${n}`,
        token: tokens.issue(id),
        roles,
      };
    });
    await this.dataSource.query(
      `INSERT INTO users (id, email, display_name, password_hash, roles, created_at)
       SELECT u.id, u.email, u.display_name, $4, $5::user_role[], COALESCE($6::timestamptz, now())
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, email, display_name)`,
      [made.map((u) => u.id), made.map((u) => u.email), made.map((u) => u.displayName), this.passwordHash, roles, options.createdAt ?? null],
    );
    return made;
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.database.drop();
  }
}
