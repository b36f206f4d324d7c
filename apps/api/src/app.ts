import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@common-ground/shared/config';
import { GRAPHIQL_ASSETS_PATH, graphiqlAssetsDir } from '@common-ground/shared/graphql';
import { AppModule } from './app.module';
import { Lifecycle } from './health/lifecycle';

/** Builds the API application (not yet listening). Used by `main.ts` and the e2e specs. */
export async function createApp(config: AppConfig, databaseUrl: string, extraModules: (Type | DynamicModule)[] = []): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl, extraModules), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(securityHeaders(config));
  // The development IDE's files (GET /graphql with Accept: text/html links them); none in production.
  if (!config.production) app.useStaticAssets(graphiqlAssetsDir(), { prefix: GRAPHIQL_ASSETS_PATH, index: false, fallthrough: false });
  app.use('/graphql', (_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  const lifecycle = app.get(Lifecycle);
  const server = app.getHttpServer() as Server;
  // While draining, a keep-alive connection is closed after its response, not reused; one whose
  // request began before is closed as soon as it turns idle once the listener has closed.
  app.use((_request: Request, response: Response, next: NextFunction) => {
    if (lifecycle.draining) response.setHeader('Connection', 'close');
    else response.once('finish', () => lifecycle.listenerClosed && setImmediate(() => server.closeIdleConnections()));
    next();
  });
  return app;
}

/**
 * helmet's response headers (nosniff, frame and referrer policies, …). HSTS only when
 * configured (TLS ends at a proxy that the API cannot see); a strict content policy in
 * production, where the API serves no pages (in development GraphiQL loads its scripts).
 */
function securityHeaders(config: AppConfig) {
  return helmet({
    strictTransportSecurity: config.hstsMaxAgeSeconds > 0 ? { maxAge: config.hstsMaxAgeSeconds, includeSubDomains: true } : false,
    contentSecurityPolicy: config.production ? { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } : false,
  });
}

export interface DrainOptions {
  /** How long readiness answers 503 while requests are still served, before the listener closes. */
  graceMs: number;
  /** Told when the listener has closed (only in-flight requests remain). */
  onListenerClosed?: () => void;
}

/**
 * Graceful shutdown. Readiness turns 503 at once, and for `graceMs` requests are still served
 * (load balancers notice and stop sending new ones; each response closes its connection). Then
 * the listener closes and idle keep-alive connections are closed between requests; in-flight
 * requests finish, and only then does the application (its database pool) close.
 */
export async function drainAndClose(app: INestApplication, options: DrainOptions = { graceMs: 0 }): Promise<void> {
  app.get(Lifecycle).draining = true;
  if (options.graceMs > 0) await delay(options.graceMs);
  const server = app.getHttpServer() as Server;
  if (server.listening) {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    app.get(Lifecycle).listenerClosed = true;
    server.closeIdleConnections();
    options.onListenerClosed?.();
    await closed;
  }
  await app.close();
}
