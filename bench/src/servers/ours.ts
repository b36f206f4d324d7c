import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createApp } from '@common-ground/api';
import { loadConfig } from '@common-ground/shared/config';
import { serveChild, serverEnv } from './child';

/** Our API as deployed: production mode, quiet logs, migrations already applied. */
serveChild(async () => {
  const env = serverEnv();
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    JWT_SECRET: env.BENCH_JWT_SECRET,
    // The bench's tokens live two hours (tokens.ts); the API refuses an exp beyond its own TTL.
    JWT_TTL_SECONDS: '7200',
    DB_MIGRATIONS_RUN: 'false',
    DB_POOL_SIZE: env.BENCH_POOL_SIZE,
    // BENCH_PREPARED_STATEMENTS=false measures what the app's prepared statements save.
    DB_PREPARED_STATEMENTS: process.env.BENCH_PREPARED_STATEMENTS ?? 'true',
    // The A/B switches (README: configuration), from the bench's environment; unset: the defaults.
    HTTP_ADAPTER: process.env.HTTP_ADAPTER,
    GRAPHQL_EXECUTOR: process.env.GRAPHQL_EXECUTOR,
    DEMO_DATA: 'false',
    HOST: '127.0.0.1',
    PORT: '0',
  });
  const app = await createApp(config, env.BENCH_DB_URL);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as AddressInfo;
  return { port: address.port, close: () => app.close() };
});
