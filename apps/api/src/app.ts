import { BadRequestException, DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyHelmet from '@fastify/helmet';
import helmet, { HelmetOptions } from 'helmet';
import type { NextFunction, Request, Response } from 'express';
import { existsSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Logger } from 'nestjs-pino';
import { pinoHttp } from 'pino-http';
import { AppConfig } from '@common-ground/shared/config';
import { GRAPHIQL_ASSETS_PATH, graphiqlAssetsDir } from '@common-ground/shared/graphql';
import { AppModule } from './app.module';
import { Lifecycle } from './health/lifecycle';
import { requestLogOptions } from './request-log';

/**
 * The largest request body read (JSON or form), in bytes: body-parser's default under Express,
 * set to the same under Fastify (whose own default is 1 MiB). Larger bodies get 413.
 */
export const BODY_LIMIT_BYTES = 100 * 1024;

/**
 * Builds the API application (not yet listening) on the HTTP server HTTP_ADAPTER names. Used by
 * `main.ts`, the e2e specs and the bench. Both adapters give the same answers and headers.
 */
export async function createApp(config: AppConfig, databaseUrl: string, extraModules: (Type | DynamicModule)[] = []): Promise<INestApplication> {
  const module = AppModule.forRoot(config, databaseUrl, extraModules);
  return config.httpAdapter === 'fastify' ? createFastifyApp(config, module) : createExpressApp(config, module);
}

async function createExpressApp(config: AppConfig, module: DynamicModule): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(helmet(helmetOptions(config)));
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
 * The same application on Fastify. What Express's middleware does is done by Fastify hooks and
 * plugins: helmet's headers (@fastify/helmet, same options), `no-store` on the GraphQL route,
 * the IDE's files (@fastify/static), the client address (`trustProxy`, the same hop count or
 * address list), the body limit and body-parser's JSON reading, the request log (pino-http, the
 * same options), serve-static's refusals, and closing connections while draining.
 */
async function createFastifyApp(config: AppConfig, module: DynamicModule): Promise<INestApplication> {
  const adapter = new FastifyAdapter({ trustProxy: fastifyTrustProxy(config.trustProxy), bodyLimit: BODY_LIMIT_BYTES });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  await app.register(fastifyHelmet, helmetOptions(config));
  const fastify = app.getHttpAdapter().getInstance();
  if (!config.production) {
    const root = graphiqlAssetsDir();
    // Refused as Express's serve-static refuses them (its status, Nest's body), before @fastify/static.
    fastify.addHook('onRequest', (request, reply, done) => {
      if (!request.url.startsWith(GRAPHIQL_ASSETS_PATH)) return done();
      const refusal = assetRefusal(root, request.url.slice(GRAPHIQL_ASSETS_PATH.length).split('?')[0]);
      if (refusal) reply.code(refusal.statusCode).send(refusal);
      else done();
    });
    app.useStaticAssets({ root, prefix: GRAPHIQL_ASSETS_PATH, index: false });
  }
  // JSON as Express's body-parser reads it: an empty body is {}, only an object or array at the
  // top, and a body that does not parse is 400 with JSON.parse's message, in Nest's error shape.
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT_BYTES }, async (_request: unknown, body: Buffer) => parseJsonBody(body));
  // Express reads no body of another type and Apollo then answers as for an empty one (or CSRF
  // prevention refuses it first): Fastify would answer 415 instead, before Apollo.
  fastify.addContentTypeParser('*', (_request, _payload, done) => done(null, {}));
  // Apollo's IDE page is `text/html`, to which Express adds the charset.
  if (!config.production) {
    fastify.addHook('onSend', (_request, reply, payload, done) => {
      if (reply.getHeader('content-type') === 'text/html') reply.header('content-type', 'text/html; charset=utf-8');
      done(null, payload);
    });
  }
  // The request log. nestjs-pino's middleware, which writes it under Express, is not reached by
  // Fastify's routes (Apollo's among them): the same pino-http logger runs in a hook instead.
  const requestLog = pinoHttp(requestLogOptions(config));
  fastify.addHook('onRequest', (request, reply, done) => requestLog(request.raw, reply.raw, () => done()));
  const lifecycle = app.get(Lifecycle);
  const server = app.getHttpServer() as Server;
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.url === '/graphql') reply.header('cache-control', 'no-store');
    if (lifecycle.draining) reply.header('connection', 'close');
    done();
  });
  fastify.addHook('onResponse', (_request, _reply, done) => {
    if (lifecycle.listenerClosed) setImmediate(() => server.closeIdleConnections());
    done();
  });
  return app;
}

/** serve-static's refusal of a path under the IDE's folder (`send`: 400, 403 above the root, 404), or none. */
function assetRefusal(root: string, encoded: string): { statusCode: number; message: string } | undefined {
  let path: string;
  try {
    path = decodeURIComponent(encoded);
  } catch {
    return { statusCode: 400, message: 'Bad Request' };
  }
  if (path.includes('\0')) return { statusCode: 400, message: 'Bad Request' };
  if (/(?:^|[\\/])\.\.(?:[\\/]|$)/.test(path)) return { statusCode: 403, message: 'Forbidden' };
  const file = join(root, path);
  return existsSync(file) && statSync(file).isFile() ? undefined : { statusCode: 404, message: 'Not Found' };
}

/** A JSON request body as body-parser (strict, its default) reads it, for Fastify, with its messages. */
function parseJsonBody(body: Buffer): unknown {
  const text = body.toString('utf8');
  const first = /^[ \t\n\r]*([^ \t\n\r])/.exec(text)?.[1];
  if (first === undefined) return {};
  try {
    if (first !== '{' && first !== '[') {
      // body-parser's strict refusal: JSON.parse's message for the text from that character on.
      const index = text.indexOf(first);
      JSON.parse(text.slice(0, index) + '#'.repeat(text.length - index));
    }
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const from = text.indexOf(first);
    throw new BadRequestException(first === '{' || first === '[' ? message : message.replace(/#+/g, (marks) => text.slice(from, from + marks.length)));
  }
}

/**
 * TRUST_PROXY for Fastify, meaning what it means to Express: an address list as it is (both
 * compile it with proxy-addr); a hop count as Express's `(address, hop) => hop < count`, since
 * Fastify reads a bare number as "trust no hop".
 */
function fastifyTrustProxy(trust: AppConfig['trustProxy']): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust;
  return (_address, hop) => hop < trust;
}

/**
 * helmet's response headers (nosniff, frame and referrer policies, …). HSTS only when
 * configured (TLS ends at a proxy that the API cannot see); a strict content policy in
 * production, where the API serves no pages (in development GraphiQL loads its scripts).
 */
function helmetOptions(config: AppConfig): HelmetOptions {
  return {
    strictTransportSecurity: config.hstsMaxAgeSeconds > 0 ? { maxAge: config.hstsMaxAgeSeconds, includeSubDomains: true } : false,
    contentSecurityPolicy: config.production ? { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } : false,
  };
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
