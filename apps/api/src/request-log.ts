import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Options } from 'pino-http';
import { AppConfig } from '@common-ground/shared/config';

/** The request as pino-http's standard serializer gives it. */
interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  headers?: Record<string, unknown>;
  remoteAddress?: string;
}

/** Headers worth a log line; every other (tokens, cookies, referrers with query strings) is left out. */
const LOGGED_HEADERS = ['host', 'user-agent', 'content-type', 'content-length', 'accept'];

/**
 * What the request log keeps of a request: id, method, path and a few headers. Never the query
 * string (a GET request carries its variables, passwords among them, there), the body or a token.
 */
export function requestForLog(req: SerializedRequest): Record<string, unknown> {
  const headers: Record<string, unknown> = {};
  for (const name of LOGGED_HEADERS) {
    if (req.headers?.[name] !== undefined) headers[name] = req.headers[name];
  }
  return { id: req.id, method: req.method, path: req.url?.split('?')[0], headers, remoteAddress: req.remoteAddress };
}

/**
 * The request log (pino-http): one line per request but health checks, with an id (the caller's
 * X-Request-Id or a fresh one) and what {@link requestForLog} keeps. Under Express, nestjs-pino's
 * middleware writes it; under Fastify a hook does (see app.ts), with these same options.
 */
export function requestLogOptions(config: Pick<AppConfig, 'logLevel'>): Options {
  return {
    level: config.logLevel,
    genReqId: (req: IncomingMessage) => (req.headers['x-request-id'] as string | undefined) ?? randomUUID(),
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    serializers: { req: requestForLog },
    autoLogging: { ignore: (req: IncomingMessage) => req.url?.startsWith('/health') ?? false },
  };
}
