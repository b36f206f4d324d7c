import type { IncomingHttpHeaders } from 'node:http';

/**
 * What the API reads of an HTTP request, the same under Express and Fastify (HTTP_ADAPTER):
 * the framework's own request object, one per request (per-request loaders are keyed on it).
 */
export interface HttpRequest {
  readonly headers: IncomingHttpHeaders;
  /** The client's address: X-Forwarded-For read as far as TRUST_PROXY allows. */
  readonly ip?: string;
}

/** The GraphQL context: the request and the framework's response object. */
export interface GraphQLContext {
  req: HttpRequest;
  res: unknown;
}

/**
 * The GraphQL context of a request, under either adapter: Apollo's Express integration calls it
 * with `{ req, res }`, its Fastify integration with `(request, reply)`. Either way `req` is the
 * framework's request, whose `ip` honours TRUST_PROXY and on which the auth guard puts `user`.
 */
export function graphqlContext(first: { req?: HttpRequest; res?: unknown } | HttpRequest, reply?: unknown): GraphQLContext {
  if (reply !== undefined) return { req: first as HttpRequest, res: reply };
  const express = first as { req: HttpRequest; res?: unknown };
  return { req: express.req, res: express.res };
}
